; Inno Setup script: a per-user installer of the one-folder bundle (dist\AuditDesk).
;   iscc packaging\windows\installer.iss        (after bash packaging/build.sh)
; Installs into %LOCALAPPDATA%\Programs\AuditDesk without administrator rights, adds a
; Start-menu entry with the icon and an uninstaller. The user's data (database, photos,
; backups) lives in %APPDATA%\AuditDesk, which the uninstaller leaves alone: uninstalling
; never deletes an auditor's evidence. For a USB stick, copy dist\AuditDesk and create an
; empty portable.txt beside AuditDesk.exe: data then goes to data\ beside the program.

#define AppName "AuditDesk"
#define AppVersion GetEnv("AUDITDESK_VERSION")
#if AppVersion == ""
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6E0B7F2A-3C1D-4B8E-9F27-AD17D35C0A11}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=AuditDesk
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename=AuditDesk-{#AppVersion}-setup
SetupIconFile=auditdesk.ico
UninstallDisplayIcon={app}\AuditDesk.exe
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern
ShowLanguageDialog=auto

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Files]
Source: "..\..\dist\AuditDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\AuditDesk.exe"; IconFilename: "{app}\AuditDesk.exe"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\AuditDesk.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Run]
Filename: "{app}\AuditDesk.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
