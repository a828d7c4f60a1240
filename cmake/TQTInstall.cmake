# `cmake --install`: headers (written and generated), the libraries as the
# CMake package TQTMLIR (TQTMLIRConfig.cmake, exported targets TQTMLIR::<lib>),
# the tools, the plugin of upstream mlir-opt and the docs. docs/Downstream.md
# shows how another project uses the result; test/Downstream builds one.
include(CMakePackageConfigHelpers)
include(GNUInstallDirs)

set(TQT_INSTALL_INCLUDEDIR ${CMAKE_INSTALL_INCLUDEDIR})
set(TQT_INSTALL_BINDIR ${CMAKE_INSTALL_BINDIR})
# Where add_mlir_library installs its archives.
set(TQT_INSTALL_LIBDIR lib${LLVM_LIBDIR_SUFFIX})
set(TQT_INSTALL_CMAKEDIR ${TQT_INSTALL_LIBDIR}/cmake/tqt-mlir)

# Every library made with add_mlir_*library is installed into the MLIRTargets
# export set (AddMLIR.cmake) and listed in MLIR_EXPORTS: in this project those
# are exactly the tqt libraries. They carry their include directories, so a
# consumer needs only target_link_libraries.
get_property(TQT_EXPORTED_LIBRARIES GLOBAL PROPERTY MLIR_EXPORTS)
set(TQT_EXPORTED_LIBRARIES_NAMESPACED)
foreach(lib ${TQT_EXPORTED_LIBRARIES})
  target_include_directories(${lib} INTERFACE
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
    $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/include>
    $<INSTALL_INTERFACE:${TQT_INSTALL_INCLUDEDIR}>)
  list(APPEND TQT_EXPORTED_LIBRARIES_NAMESPACED TQTMLIR::${lib})
endforeach()
install(EXPORT MLIRTargets
  NAMESPACE TQTMLIR::
  FILE TQTMLIRTargets.cmake
  DESTINATION ${TQT_INSTALL_CMAKEDIR})

configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/TQTMLIRConfig.cmake.in
  ${PROJECT_BINARY_DIR}/cmake/TQTMLIRConfig.cmake
  INSTALL_DESTINATION ${TQT_INSTALL_CMAKEDIR}
  PATH_VARS TQT_INSTALL_INCLUDEDIR TQT_INSTALL_BINDIR TQT_INSTALL_LIBDIR)
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/cmake/TQTMLIRConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/cmake/TQTMLIRConfig.cmake
  ${PROJECT_BINARY_DIR}/cmake/TQTMLIRConfigVersion.cmake
  DESTINATION ${TQT_INSTALL_CMAKEDIR})

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/tqt
  DESTINATION ${TQT_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h" PATTERN "*.td")
install(DIRECTORY ${PROJECT_BINARY_DIR}/include/tqt
  DESTINATION ${TQT_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.inc" PATTERN "*.h"
  PATTERN "CMakeFiles" EXCLUDE)

set(TQT_TOOLS tqt-opt tqt-run tqt-compile tqt-calibrate tqt-train)
# The tools find Debian's libMLIR.so / libLLVM.so through the same run path
# in the build and the install tree.
set_target_properties(${TQT_TOOLS} PROPERTIES
  BUILD_WITH_INSTALL_RPATH ON
  INSTALL_RPATH "${LLVM_LIBRARY_DIR}")
install(TARGETS ${TQT_TOOLS} RUNTIME DESTINATION ${TQT_INSTALL_BINDIR})
if(TARGET TQTPlugin)
  install(TARGETS TQTPlugin LIBRARY DESTINATION ${TQT_INSTALL_LIBDIR})
endif()
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/
  DESTINATION ${CMAKE_INSTALL_DOCDIR}
  FILES_MATCHING PATTERN "*.md")
