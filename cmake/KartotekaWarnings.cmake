# Warnings for our own targets only (never for third-party headers, which are -isystem).
function(kartoteka_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                         -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wnull-dereference)
  if(KARTOTEKA_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
