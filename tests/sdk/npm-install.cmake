# Installs the pinned npm packages for the SDK round trip unless they are already there, so the
# test runs on a fresh checkout instead of being skipped. Usage:
#   cmake -DNPM=/usr/bin/npm -DDIR=<tests/sdk> -P npm-install.cmake
if(NOT NPM)
    message(FATAL_ERROR "npm was not found when configuring: install Node.js 20 and npm "
                        "(.ci/run does), then re-run CMake")
endif()

file(READ "${DIR}/package.json" manifest)
string(JSON wanted GET "${manifest}" dependencies "@langchain/langgraph-sdk")
set(installed_manifest "${DIR}/node_modules/@langchain/langgraph-sdk/package.json")
if(EXISTS "${installed_manifest}")
    file(READ "${installed_manifest}" installed)
    string(JSON have GET "${installed}" version)
    if(have STREQUAL wanted)
        message(STATUS "@langchain/langgraph-sdk ${have} already installed")
        return()
    endif()
endif()

message(STATUS "Installing @langchain/langgraph-sdk ${wanted} with npm ci")
execute_process(
    COMMAND "${NPM}" ci --no-audit --no-fund
    WORKING_DIRECTORY "${DIR}"
    RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "npm ci failed (${result})")
endif()
