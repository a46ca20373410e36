# CPack pre-build script: strips the staged executables the way Debian's dh_strip does. Plain
# `strip` (CPACK_STRIP_FILES) keeps the .comment and .note sections, which only name the compiler
# and which lintian reports as unneeded. Runs for every generator, after the components have been
# installed into CPack's staging directory and before the packages are made from it.
file(GLOB_RECURSE staged LIST_DIRECTORIES false "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*")
foreach(file IN LISTS staged)
    if(NOT file MATCHES "/bin/[^/]+$" OR IS_SYMLINK "${file}")
        continue()
    endif()
    execute_process(
        COMMAND "${CPACK_CRONDESK_STRIP}" --remove-section=.comment --remove-section=.note
                "${file}"
        RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "strip-executables: could not strip ${file}")
    endif()
endforeach()
