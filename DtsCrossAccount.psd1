@{
    # The repository-root manifest loads the assembly the build writes to out/bin; build.ps1 -Task Package writes a
    # copy with RootModule = 'DtsCrossAccount.dll' into out/DtsCrossAccount/<version>/.
    RootModule             = 'out/bin/DtsCrossAccount.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '5b0c7a52-3f6e-4d8a-9c1e-7f2d4b8a6e31'
    Author                 = 'DtsCrossAccount contributors'
    CompanyName            = 'DtsCrossAccount'
    Copyright              = '(c) DtsCrossAccount contributors. MIT License.'
    Description            = 'Cross-account data sync set-up for Tencent Cloud DTS and Alibaba Cloud DTS: roles, trust policies, sub-account grants, access checks and sync tasks, idempotent and scriptable.'
    CompatiblePSEditions   = @('Desktop', 'Core')
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('DtsCrossAccount.format.ps1xml')
    CmdletsToExport        = @(
        'New-DtsCrossAccountRole',
        'Set-DtsTrustPolicy',
        'Grant-DtsSubAccountAssumeRole',
        'Revoke-DtsSubAccountAssumeRole',
        'Remove-DtsCrossAccountRole',
        'Test-DtsCrossAccountAccess',
        'New-DtsSyncTask',
        'Get-DtsSyncTask',
        'Stop-DtsSyncTask',
        'Remove-DtsSyncTask'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('DTS', 'TencentCloud', 'AlibabaCloud', 'Aliyun', 'CrossAccount', 'DataSync', 'CAM', 'RAM', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/dtscrossaccount/DtsCrossAccount'
            LicenseUri   = 'https://github.com/dtscrossaccount/DtsCrossAccount/blob/main/LICENSE'
            ReleaseNotes = @'
0.1.0 - first release.
- New-DtsCrossAccountRole: the role in the database owner's account (Tencent CAM role with QcloudDTSReadOnlyAccess, optional
  external ID; Alibaba RAM role with AliyunDTSRolePolicy trusting the task account in both RAM and Service principals);
  -SourceAccountId/-DestinationAccountId/-TaskAccountId plans the roles an Alibaba scenario needs.
- Set-DtsTrustPolicy: changes which account may assume an existing role; catches the Alibaba dts.aliyuncs.com collapse.
- Grant-DtsSubAccountAssumeRole: sts:AssumeRole on exactly that role for a Tencent sub-account or Alibaba RAM user.
- Test-DtsCrossAccountAccess: assumes the role and lists the owner's instances as the DTS console does; each failure is a
  check with the command that fixes it, and a check that could not run never makes the test pass.
- New-DtsSyncTask: buys, configures, verifies and starts the sync task, resumable by -Name; -Wait with progress.
- Revoke-DtsSubAccountAssumeRole and Remove-DtsCrossAccountRole: undo a grant and a role, only what Grant-/New- made
  (a role with other policies is refused unless -Force; a policy another principal still holds is kept).
- Get-DtsSyncTask: status, progress, delay and endpoints (with their roles) of one task or all in a region; -Wait -Status.
- Stop-DtsSyncTask: stops a task once it has caught up (refused before, -Force asks); ConfirmImpact High.
- Remove-DtsSyncTask: releases a task (Tencent stop, isolate, destroy; Alibaba DeleteDtsJob); a re-run finishes an
  interrupted release, a task already gone is a no-op, an Alibaba subscription task is explained, not released.
- Every write supports -WhatIf/-Confirm; credentials from -Credential, named profiles of the official files or the
  SDK environment variables; errors carry their remedy in ErrorDetails.RecommendedAction.
- A local emulator of both clouds' APIs for offline use and tests.
'@
        }
    }
}
