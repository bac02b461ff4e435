@echo off
rem `cloudmc` on Windows: the app's command line, from the folder the installer adds to the user's PATH (installer.nsh).
rem Runs the app's own binary as `<app> --cli ARGS...` with every argument as given, and ends with its exit code.
setlocal
"%~dp0..\..\CloudMC Credentials.exe" --cli %*
exit /b %ERRORLEVEL%
