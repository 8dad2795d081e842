; The Windows installer of ShopDesk: wraps the PyInstaller folder (installer/shopdesk.spec)
; in a setup.exe. Per-user: no administrator rights, installed under
; %LOCALAPPDATA%\Programs\ShopDesk; the shop's data (%LOCALAPPDATA%\ShopDesk) is never
; touched by installing, updating or uninstalling.
;
;     makensis -DVERSION=0.1.0 -DBUNDLE=dist\ShopDesk -DOUTFILE=dist\ShopDesk-0.1.0-setup.exe installer\shopdesk.nsi
;
; Debian's makensis builds the same setup.exe on Linux (installer/build.sh checks the script).

Unicode true
!include "MUI2.nsh"

!ifndef VERSION
  !error "Pass the version: -DVERSION=0.1.0"
!endif
!ifndef BUNDLE
  !error "Pass the PyInstaller folder: -DBUNDLE=dist\ShopDesk"
!endif
!ifndef OUTFILE
  !define OUTFILE "ShopDesk-${VERSION}-setup.exe"
!endif

; Fixed for every version, so that an update replaces the installed program.
!define APPID "{6A1E4C1B-3F0E-4B8D-9C57-5D2B8F0A7E31}"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPID}"

Name "ShopDesk"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\ShopDesk"
InstallDirRegKey HKCU "Software\ShopDesk\ShopDesk" "InstallDir"
RequestExecutionLevel user
SetCompressor /SOLID lzma
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1033 "ProductName" "ShopDesk"
VIAddVersionKey /LANG=1033 "FileDescription" "ShopDesk setup"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "LegalCopyright" "ShopDesk"

!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\ShopDesk.exe"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString StillRunning ${LANG_SIMPCHINESE} "ShopDesk 正在运行。请先关闭它，再点“重试”。"
LangString StillRunning ${LANG_ENGLISH} "ShopDesk is running. Close it, then choose Retry."

Function .onInit
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Section "ShopDesk" Main
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An update: the running program holds its files; ask to close it rather than fail halfway.
  retry:
    ClearErrors
    IfFileExists "$INSTDIR\ShopDesk.exe" 0 copy
    FileOpen $0 "$INSTDIR\ShopDesk.exe" a
    IfErrors 0 +3
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(StillRunning)" IDRETRY retry
      Abort
    FileClose $0
  copy:
  ; The previous version's files go first, so nothing stale is left beside the new ones.
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE}\*"
  WriteUninstaller "$INSTDIR\Uninstall.exe"
  CreateShortcut "$SMPROGRAMS\ShopDesk.lnk" "$INSTDIR\ShopDesk.exe"
  CreateShortcut "$DESKTOP\ShopDesk.lnk" "$INSTDIR\ShopDesk.exe"
  WriteRegStr HKCU "Software\ShopDesk\ShopDesk" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "ShopDesk"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "ShopDesk"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\ShopDesk.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  ; The program only: the shop's database, backups, logs and settings stay.
  Delete "$SMPROGRAMS\ShopDesk.lnk"
  Delete "$DESKTOP\ShopDesk.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\ShopDesk.exe"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegValue HKCU "Software\ShopDesk\ShopDesk" "InstallDir"  ; the rest is QSettings
SectionEnd
