; NSIS include for electron-builder (nsis.include): puts `cloudmc` on the user's PATH. The folder holding cloudmc.cmd
; ($INSTDIR\resources\bin, from extraResources) is added to HKCU\Environment Path on install and taken out on uninstall;
; every other entry of Path is kept as it was. Per user, no administrator rights. Inline macros only (no Function): electron-builder
; compiles this file into both the installer and the uninstaller with warnings as errors, and an unused function is a warning.
; A Path NSIS cannot read whole (longer than NSIS_MAX_STRLEN) is never rewritten: it would be cut.

!include LogicLib.nsh
!include WinMessages.nsh

!define CLOUDMC_BIN_DIR "$INSTDIR\resources\bin"

; Sets $R9 to 1 when HKCU\Environment holds a value named Path (of any length), else 0. Uses $R7 and $R8.
!macro cloudmcPathValueExists PREFIX
  StrCpy $R9 0
  StrCpy $R7 0
  ${PREFIX}cloudmcEnumNext:
    EnumRegValue $R8 HKCU "Environment" $R7
    StrCmp $R8 "" ${PREFIX}cloudmcEnumDone
    StrCmp $R8 "Path" 0 +3
      StrCpy $R9 1
      Goto ${PREFIX}cloudmcEnumDone
    IntOp $R7 $R7 + 1
    Goto ${PREFIX}cloudmcEnumNext
  ${PREFIX}cloudmcEnumDone:
!macroend

!macro customInstall
  Push $R0
  Push $R1
  Push $R2
  Push $R3
  Push $R4
  Push $R7
  Push $R8
  Push $R9
  StrCpy $R1 "${CLOUDMC_BIN_DIR}"
  ClearErrors
  ReadRegStr $R0 HKCU "Environment" "Path"
  ${If} ${Errors}
  ${AndIf} $R0 == ""
    ; Missing, or too long for NSIS's strings: only the first case may be written.
    !insertmacro cloudmcPathValueExists "install_"
    StrCmp $R9 1 0 cloudmcPathScanned
      DetailPrint "Your Path is too long to change safely: add $R1 to it yourself to run cloudmc."
      Goto cloudmcPathDone
  ${EndIf}
  ; Already there (an entry equal to it, ignoring case as Windows does)? Walk the entries between semicolons.
  StrCpy $R2 $R0
  cloudmcPathNextEntry:
    StrCmp $R2 "" cloudmcPathScanned
    StrCpy $R3 0
    cloudmcPathNextChar:
      StrCpy $R4 $R2 1 $R3
      StrCmp $R4 "" cloudmcPathEntryEnd
      StrCmp $R4 ";" cloudmcPathEntryEnd
      IntOp $R3 $R3 + 1
      Goto cloudmcPathNextChar
    cloudmcPathEntryEnd:
    StrCpy $R4 $R2 $R3
    IntOp $R3 $R3 + 1
    StrCpy $R2 $R2 "" $R3
    StrCmp $R4 $R1 cloudmcPathDone cloudmcPathNextEntry
  cloudmcPathScanned:
  StrLen $R3 $R0
  StrLen $R4 $R1
  IntOp $R3 $R3 + $R4
  IntOp $R3 $R3 + 2
  ${If} $R3 >= ${NSIS_MAX_STRLEN}
    DetailPrint "Your Path is too long to change safely: add $R1 to it yourself to run cloudmc."
    Goto cloudmcPathDone
  ${EndIf}
  ${If} $R0 == ""
    StrCpy $R0 $R1
  ${Else}
    StrCpy $R4 $R0 1 -1
    ${If} $R4 == ";"
      StrCpy $R0 "$R0$R1"
    ${Else}
      StrCpy $R0 "$R0;$R1"
    ${EndIf}
  ${EndIf}
  ; REG_EXPAND_SZ, as Windows keeps the user's Path (entries such as %USERPROFILE%\bin stay unexpanded).
  WriteRegExpandStr HKCU "Environment" "Path" $R0
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
  cloudmcPathDone:
  Pop $R9
  Pop $R8
  Pop $R7
  Pop $R4
  Pop $R3
  Pop $R2
  Pop $R1
  Pop $R0
!macroend

!macro customUnInstall
  Push $R0
  Push $R1
  Push $R2
  Push $R3
  Push $R4
  Push $R5
  Push $R6
  StrCpy $R1 "${CLOUDMC_BIN_DIR}"
  ClearErrors
  ReadRegStr $R0 HKCU "Environment" "Path"
  ; Missing, or too long to read whole: left alone.
  IfErrors cloudmcUnPathDone
  ; Rebuild Path from its entries, leaving out those equal to the folder (ignoring case); $R6 is 1 once one was left out.
  StrCpy $R5 ""
  StrCpy $R6 0
  StrCpy $R2 $R0
  cloudmcUnPathNextEntry:
    StrCmp $R2 "" cloudmcUnPathScanned
    StrCpy $R3 0
    cloudmcUnPathNextChar:
      StrCpy $R4 $R2 1 $R3
      StrCmp $R4 "" cloudmcUnPathEntryEnd
      StrCmp $R4 ";" cloudmcUnPathEntryEnd
      IntOp $R3 $R3 + 1
      Goto cloudmcUnPathNextChar
    cloudmcUnPathEntryEnd:
    StrCpy $R4 $R2 $R3
    IntOp $R3 $R3 + 1
    StrCpy $R2 $R2 "" $R3
    ${If} $R4 == $R1
      StrCpy $R6 1
    ${ElseIf} $R5 == ""
      StrCpy $R5 $R4
    ${Else}
      StrCpy $R5 "$R5;$R4"
    ${EndIf}
    Goto cloudmcUnPathNextEntry
  cloudmcUnPathScanned:
  StrCmp $R6 1 0 cloudmcUnPathDone
  ${If} $R5 == ""
    DeleteRegValue HKCU "Environment" "Path"
  ${Else}
    WriteRegExpandStr HKCU "Environment" "Path" $R5
  ${EndIf}
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
  cloudmcUnPathDone:
  Pop $R6
  Pop $R5
  Pop $R4
  Pop $R3
  Pop $R2
  Pop $R1
  Pop $R0
!macroend
