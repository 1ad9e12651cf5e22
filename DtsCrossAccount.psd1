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
        'Test-DtsCrossAccountAccess',
        'New-DtsSyncTask'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('DTS', 'TencentCloud', 'AlibabaCloud', 'Aliyun', 'CrossAccount', 'DataSync', 'CAM', 'RAM', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ReleaseNotes = 'Initial release.'
        }
    }
}
