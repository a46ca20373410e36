# Read by cpack once per generator (CPACK_PROJECT_CONFIG_FILE).
if(CPACK_GENERATOR STREQUAL "RPM")
    # CMake 3.25's CPackRPM probes support for weak dependencies (Suggests) by running
    # ${RPM_EXECUTABLE}, a variable it never sets, and so always drops them with a warning.
    find_program(RPM_EXECUTABLE rpm)
endif()
