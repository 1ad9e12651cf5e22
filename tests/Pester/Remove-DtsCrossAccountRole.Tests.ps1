BeforeAll {
    . (Join-Path $PSScriptRoot 'PesterHelpers.ps1')
    Start-TestEmulator -ProfileDirectory (Join-Path $TestDrive 'profiles') | Out-Null
    $script:CamVersion = '2019-01-16'
    $script:RamVersion = '2015-05-01'
}

AfterAll {
    Stop-TestEmulator
}

Describe 'Remove-DtsCrossAccountRole' {
    Context 'Surface' {
        It 'Should require and bind <Parameter> by property name' -TestCases @(
            @{ Parameter = 'AccountId'; Mandatory = $true }, @{ Parameter = 'RoleName'; Mandatory = $false }, @{ Parameter = 'Cloud'; Mandatory = $true }
        ) {
            $p = Get-ParameterInSet Remove-DtsCrossAccountRole '__AllParameterSets' $Parameter
            $p.IsMandatory | Should -Be $Mandatory
            $p.ValueFromPipelineByPropertyName | Should -BeTrue
        }

        It 'Should declare CrossAccountRole as its OutputType and ConfirmImpact High' {
            $cmd = Get-Command Remove-DtsCrossAccountRole
            $cmd.OutputType.Type | Should -Be ([DtsCrossAccount.CrossAccountRole])
            $cmd.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        }
    }

    Context 'Tencent Cloud against the emulator' {
        BeforeAll {
            $script:Name = New-UniqueName 'PesterRemove'
            $script:Role = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName $Name -Confirm:$false
        }

        It 'Should send no write request under -WhatIf' {
            Assert-NoWrite { $Role | Remove-DtsCrossAccountRole -ProfileName tencent-a -WhatIf -ErrorAction Stop }
        }

        It 'Should detach QcloudDTSReadOnlyAccess and delete the piped role, which CAM then no longer knows' {
            $since = Get-EmulatorCallCount
            $removed = $Role | Remove-DtsCrossAccountRole -ProfileName tencent-a -Confirm:$false
            $removed.Changed | Should -BeTrue
            @(Get-EmulatorWrite -Since $since) | Should -Be @('Tencent cam.DetachRolePolicy', 'Tencent cam.DeleteRole')
            { Invoke-TencentApi -ProfileName tencent-a -Service cam -Version $CamVersion -Action GetRole -Body @{ RoleName = $Name } } |
                Should -Throw -ExpectedMessage '*InvalidParameter.RoleNotExist*'
        }

        It 'Should report no change and write nothing when the role is already gone' {
            $since = Get-EmulatorCallCount
            $again = Remove-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 100000000001 -RoleName $Name -Confirm:$false
            $again.Changed | Should -BeFalse
            Get-EmulatorWrite -Since $since | Should -Be @()
        }

        It 'Should refuse a role with a policy it did not attach, naming it, and write nothing' {
            $other = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName (New-UniqueName 'PesterForeign') -Confirm:$false
            Invoke-TencentApi -ProfileName tencent-a -Service cam -Version $CamVersion -Action AttachRolePolicy -Body @{ PolicyName = 'QcloudCamReadOnlyAccess'; AttachRoleName = $other.RoleName } | Out-Null
            $since = Get-EmulatorCallCount
            $e = Get-CommandError { $other | Remove-DtsCrossAccountRole -ProfileName tencent-a -Confirm:$false }
            $e.FullyQualifiedErrorId | Should -Be 'RoleHasOtherPolicies,DtsCrossAccount.Cmdlets.RemoveDtsCrossAccountRoleCommand'
            $e.CategoryInfo.Category | Should -Be 'InvalidOperation'
            $e.Exception.Message | Should -BeLike '*QcloudCamReadOnlyAccess*'
            Get-EmulatorWrite -Since $since | Should -Be @()
        }
    }

    Context 'Alibaba Cloud against the emulator' {
        BeforeAll {
            $script:Name = New-UniqueName 'pester-remove'
            $script:Role = New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId 1000000000000001 -TrustedAccountId 1000000000000003 -RoleName $Name -Confirm:$false
        }

        It 'Should send no write request under -WhatIf' {
            Assert-NoWrite { $Role | Remove-DtsCrossAccountRole -ProfileName alibaba-a -WhatIf -ErrorAction Stop }
        }

        It 'Should detach AliyunDTSRolePolicy and delete the piped role, which RAM then no longer knows' {
            $since = Get-EmulatorCallCount
            $removed = $Role | Remove-DtsCrossAccountRole -ProfileName alibaba-a -Confirm:$false
            $removed.Changed | Should -BeTrue
            @(Get-EmulatorWrite -Since $since) | Should -Be @('Alibaba ram.DetachPolicyFromRole', 'Alibaba ram.DeleteRole')
            { Invoke-AlibabaApi -ProfileName alibaba-a -Version $RamVersion -Action GetRole -Parameters @{ RoleName = $Name } } | Should -Throw
        }

        It 'Should report no change and write nothing when the role is already gone' {
            $since = Get-EmulatorCallCount
            $again = Remove-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId 1000000000000001 -RoleName $Name -Confirm:$false
            $again.Changed | Should -BeFalse
            Get-EmulatorWrite -Since $since | Should -Be @()
        }

        It 'Should detach a foreign policy too under -Force and delete the role' {
            $other = New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId 1000000000000001 -TrustedAccountId 1000000000000003 -RoleName (New-UniqueName 'pester-force') -Confirm:$false
            Invoke-AlibabaApi -ProfileName alibaba-a -Version $RamVersion -Action AttachPolicyToRole -Parameters @{ PolicyType = 'System'; PolicyName = 'AliyunRAMReadOnlyAccess'; RoleName = $other.RoleName } | Out-Null
            (Get-CommandError { $other | Remove-DtsCrossAccountRole -ProfileName alibaba-a -Confirm:$false }).FullyQualifiedErrorId |
                Should -Be 'RoleHasOtherPolicies,DtsCrossAccount.Cmdlets.RemoveDtsCrossAccountRoleCommand'
            $forced = $other | Remove-DtsCrossAccountRole -ProfileName alibaba-a -Force -Confirm:$false
            $forced.Changes | Should -Contain "Detach system policy AliyunRAMReadOnlyAccess (not attached by New-DtsCrossAccountRole; -Force) from RAM role '$($other.RoleName)'"
            { Invoke-AlibabaApi -ProfileName alibaba-a -Version $RamVersion -Action GetRole -Parameters @{ RoleName = $other.RoleName } } | Should -Throw
        }
    }
}
