BeforeAll {
    . (Join-Path $PSScriptRoot 'PesterHelpers.ps1')
    Start-TestEmulator -ProfileDirectory (Join-Path $TestDrive 'profiles') | Out-Null
    $script:CamVersion = '2019-01-16'
    $script:RamVersion = '2015-05-01'

    function Get-TencentTrust([string]$RoleName) {
        (Invoke-TencentApi -ProfileName tencent-a -Service cam -Version $CamVersion -Action GetRole -Body @{ RoleName = $RoleName }).RoleInfo.PolicyDocument
    }
    function Get-AlibabaTrust([string]$RoleName) {
        (Invoke-AlibabaApi -ProfileName alibaba-a -Version $RamVersion -Action GetRole -Parameters @{ RoleName = $RoleName }).Role.AssumeRolePolicyDocument
    }
}

AfterAll {
    Stop-TestEmulator
}

Describe 'Set-DtsTrustPolicy' {
    Context 'Surface' {
        It 'Should have one parameter set' {
            (Get-Command Set-DtsTrustPolicy).ParameterSets.Count | Should -Be 1
        }

        It 'Should require and bind <Parameter> by property name' -TestCases @(
            @{ Parameter = 'Cloud' }, @{ Parameter = 'AccountId' }, @{ Parameter = 'RoleName' }, @{ Parameter = 'TrustedAccountId' }
        ) {
            $p = (Get-Command Set-DtsTrustPolicy).ParameterSets[0].Parameters | Where-Object Name -EQ $Parameter
            $p.IsMandatory | Should -BeTrue
            $p.ValueFromPipelineByPropertyName | Should -BeTrue
        }

        It 'Should declare CrossAccountRole as its output type and ConfirmImpact High' {
            (Get-Command Set-DtsTrustPolicy).OutputType.Type | Should -Be ([DtsCrossAccount.CrossAccountRole])
            $attr = [DtsCrossAccount.Cmdlets.SetDtsTrustPolicyCommand].GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
            $attr.ConfirmImpact | Should -Be 'High'
        }
    }

    Context 'Tencent Cloud against the emulator' {
        BeforeAll {
            $script:Role = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName (New-UniqueName 'PesterTrust') -Confirm:$false
        }

        It 'Should send no write request under -WhatIf and leave the stored trust policy as it was' {
            $before = Get-TencentTrust $Role.RoleName
            Assert-NoWrite { $Role | Set-DtsTrustPolicy -ProfileName tencent-a -ExternalId 'pester-ext' -WhatIf -ErrorAction Stop }
            Get-TencentTrust $Role.RoleName | Should -Be $before
        }

        It 'Should store the external ID condition for the trusted root on a piped role' {
            $since = Get-EmulatorCallCount
            $updated = $Role | Set-DtsTrustPolicy -ProfileName tencent-a -ExternalId 'pester-ext' -Confirm:$false
            @(Get-EmulatorWrite -Since $since) | Should -Contain 'Tencent cam.UpdateAssumeRolePolicy'
            $updated.Changed | Should -BeTrue
            $statements = @((Get-TencentTrust $Role.RoleName | ConvertFrom-Json).statement)
            $statements.Count | Should -Be 1
            $statements[0].principal.qcs | Should -Be @('qcs::cam::uin/100000000002:root')
            $statements[0].condition.string_equal.'sts:external_id' | Should -Be 'pester-ext'
        }

        It 'Should report no change and write nothing on a re-run' {
            $since = Get-EmulatorCallCount
            $again = $Role | Set-DtsTrustPolicy -ProfileName tencent-a -ExternalId 'pester-ext' -Confirm:$false
            $again.Changed | Should -BeFalse
            Get-EmulatorWrite -Since $since | Should -Be @()
        }

        It 'Should refuse a role that does not exist, with the command that creates it' {
            $e = Get-CommandError { Set-DtsTrustPolicy -Cloud Tencent -ProfileName tencent-a -AccountId 100000000001 -RoleName (New-UniqueName 'PesterMissing') -TrustedAccountId 100000000002 -Confirm:$false }
            $e.FullyQualifiedErrorId | Should -Be 'RoleNotFound,DtsCrossAccount.Cmdlets.SetDtsTrustPolicyCommand'
            $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $e.Exception.Message | Should -Match 'New-DtsCrossAccountRole'
        }
    }

    Context 'Alibaba Cloud against the emulator' {
        BeforeAll {
            $script:AliRole = New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId 1000000000000001 -TrustedAccountId 1000000000000002 -RoleName (New-UniqueName 'pester-trust-') -Confirm:$false
        }

        It 'Should send no write request under -WhatIf and leave the stored trust policy as it was' {
            $before = Get-AlibabaTrust $AliRole.RoleName
            Assert-NoWrite { $AliRole | Set-DtsTrustPolicy -ProfileName alibaba-a -TrustedAccountId 1000000000000003 -WhatIf -ErrorAction Stop }
            Get-AlibabaTrust $AliRole.RoleName | Should -Be $before
        }

        It 'Should trust the new task account through both principals in the stored policy' {
            $since = Get-EmulatorCallCount
            $role = $AliRole | Set-DtsTrustPolicy -ProfileName alibaba-a -TrustedAccountId 1000000000000003 -Confirm:$false
            @(Get-EmulatorWrite -Since $since) | Should -Contain 'Alibaba ram.UpdateRole'
            $role.Changed | Should -BeTrue
            $document = Get-AlibabaTrust $AliRole.RoleName | ConvertFrom-Json
            @($document.Statement).Count | Should -Be 1
            $document.Statement[0].Effect | Should -Be 'Allow'
            $document.Statement[0].Action | Should -Be 'sts:AssumeRole'
            # Only the new account: the old one (…002) is gone from both principals.
            @($document.Statement[0].Principal.RAM) | Should -Be @('acs:ram::1000000000000003:root')
            @($document.Statement[0].Principal.Service) | Should -Be @('1000000000000003@dts.aliyuncs.com')
        }

        It 'Should refuse the role owner''s own account as the trusted account before any call' {
            $since = Get-EmulatorCallCount
            $e = Get-CommandError { Set-DtsTrustPolicy -Cloud Alibaba -ProfileName alibaba-a -AccountId 1000000000000001 -RoleName $AliRole.RoleName -TrustedAccountId 1000000000000001 -Confirm:$false }
            $e.FullyQualifiedErrorId | Should -Be 'TrustedAccountIsOwner,DtsCrossAccount.Cmdlets.SetDtsTrustPolicyCommand'
            $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
            @(Get-EmulatorCall -Since $since).Count | Should -Be 0
        }

        It 'Should refuse the keys of another account and leave the trust policy alone' {
            $before = Get-AlibabaTrust $AliRole.RoleName
            $e = Get-CommandError { Set-DtsTrustPolicy -Cloud Alibaba -ProfileName alibaba-b -AccountId 1000000000000001 -RoleName $AliRole.RoleName -TrustedAccountId 1000000000000002 -Confirm:$false }
            $e.FullyQualifiedErrorId | Should -Be 'CredentialAccountMismatch,DtsCrossAccount.Cmdlets.SetDtsTrustPolicyCommand'
            $e.CategoryInfo.Category | Should -Be 'PermissionDenied'
            Get-AlibabaTrust $AliRole.RoleName | Should -Be $before
        }
    }
}
