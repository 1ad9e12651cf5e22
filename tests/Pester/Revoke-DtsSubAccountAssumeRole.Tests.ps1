BeforeAll {
    . (Join-Path $PSScriptRoot 'PesterHelpers.ps1')
    Start-TestEmulator -ProfileDirectory (Join-Path $TestDrive 'profiles') | Out-Null
    $script:CamVersion = '2019-01-16'
    $script:RamVersion = '2015-05-01'
}

AfterAll {
    Stop-TestEmulator
}

Describe 'Revoke-DtsSubAccountAssumeRole' {
    Context 'Surface' {
        It 'Should bind <Parameter> by property name from a grant' -TestCases @(
            @{ Parameter = 'SubAccountUin' }, @{ Parameter = 'RamUserName' }, @{ Parameter = 'PolicyName' }, @{ Parameter = 'AccountId' }, @{ Parameter = 'Cloud' }
        ) {
            (Get-ParameterInSet Revoke-DtsSubAccountAssumeRole '__AllParameterSets' $Parameter).ValueFromPipelineByPropertyName | Should -BeTrue
        }

        It 'Should take a grant''s SubAccountName as -RamUserName' {
            (Get-Command Revoke-DtsSubAccountAssumeRole).Parameters['RamUserName'].Aliases | Should -Contain 'SubAccountName'
        }

        It 'Should declare AssumeRoleGrant as its OutputType and ConfirmImpact High' {
            $cmd = Get-Command Revoke-DtsSubAccountAssumeRole
            $cmd.OutputType.Type | Should -Be ([DtsCrossAccount.AssumeRoleGrant])
            $cmd.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        }

        It 'Should refuse a revoke that names no policy before any call' {
            $since = Get-EmulatorCallCount
            $e = Get-CommandError { Revoke-DtsSubAccountAssumeRole -Cloud Tencent -SubAccountUin 100000000021 -ProfileName tencent-b -Confirm:$false }
            $e.FullyQualifiedErrorId | Should -Be 'RevokePolicyNotNamed,DtsCrossAccount.Cmdlets.RevokeDtsSubAccountAssumeRoleCommand'
            Get-EmulatorCallCount | Should -Be $since
        }
    }

    Context 'Tencent Cloud against the emulator' {
        BeforeAll {
            $role = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName (New-UniqueName 'PesterRevoke') -Confirm:$false
            $script:Grant = $role | Grant-DtsSubAccountAssumeRole -ProfileName tencent-b -SubAccountUin 100000000021 -Confirm:$false
        }

        It 'Should send no write request under -WhatIf' {
            Assert-NoWrite { $Grant | Revoke-DtsSubAccountAssumeRole -ProfileName tencent-b -WhatIf -ErrorAction Stop }
        }

        It 'Should detach the policy from the sub-account and delete it, which CAM then no longer lists' {
            $since = Get-EmulatorCallCount
            $revoked = $Grant | Revoke-DtsSubAccountAssumeRole -ProfileName tencent-b -Confirm:$false
            $revoked.Changed | Should -BeTrue
            @(Get-EmulatorWrite -Since $since) | Should -Be @('Tencent cam.DetachUserPolicy', 'Tencent cam.DeletePolicy')
            $attached = (Invoke-TencentApi -ProfileName tencent-b -Service cam -Version $CamVersion -Action ListAttachedUserPolicies -Body @{ TargetUin = 100000000021; Page = 1; Rp = 50 }).List
            @($attached.PolicyId) | Should -Not -Contain ([long]$Grant.PolicyId)
            { Invoke-TencentApi -ProfileName tencent-b -Service cam -Version $CamVersion -Action GetPolicy -Body @{ PolicyId = [long]$Grant.PolicyId } } |
                Should -Throw -ExpectedMessage '*PolicyIdNotExist*'
        }

        It 'Should report no change and write nothing on a re-run' {
            $since = Get-EmulatorCallCount
            ($Grant | Revoke-DtsSubAccountAssumeRole -ProfileName tencent-b -Confirm:$false).Changed | Should -BeFalse
            Get-EmulatorWrite -Since $since | Should -Be @()
        }
    }

    Context 'Alibaba Cloud against the emulator' {
        BeforeAll {
            $role = New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId 1000000000000001 -TrustedAccountId 1000000000000003 -RoleName (New-UniqueName 'pester-revoke') -Confirm:$false
            $script:Grant = $role | Grant-DtsSubAccountAssumeRole -ProfileName alibaba-c -RamUserName dts-operator -Confirm:$false
        }

        It 'Should send no write request under -WhatIf' {
            Assert-NoWrite { $Grant | Revoke-DtsSubAccountAssumeRole -ProfileName alibaba-c -WhatIf -ErrorAction Stop }
        }

        It 'Should detach the policy from the RAM user and delete it, which RAM then no longer knows' {
            $since = Get-EmulatorCallCount
            $revoked = $Grant | Revoke-DtsSubAccountAssumeRole -ProfileName alibaba-c -Confirm:$false
            $revoked.Changed | Should -BeTrue
            @(Get-EmulatorWrite -Since $since) | Should -Be @('Alibaba ram.DetachPolicyFromUser', 'Alibaba ram.DeletePolicy')
            $attached = (Invoke-AlibabaApi -ProfileName alibaba-c -Version $RamVersion -Action ListPoliciesForUser -Parameters @{ UserName = 'dts-operator' }).Policies.Policy
            @($attached.PolicyName) | Should -Not -Contain $Grant.PolicyName
            { Invoke-AlibabaApi -ProfileName alibaba-c -Version $RamVersion -Action GetPolicy -Parameters @{ PolicyName = $Grant.PolicyName; PolicyType = 'Custom' } } | Should -Throw
        }

        It 'Should refuse a policy of that name that is not a grant, and write nothing' {
            Invoke-AlibabaApi -ProfileName alibaba-c -Version $RamVersion -Action CreatePolicy -Parameters @{
                PolicyName = 'pester-not-a-grant'; PolicyDocument = '{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:*","Resource":"*"}]}'
            } | Out-Null
            $since = Get-EmulatorCallCount
            $e = Get-CommandError { Revoke-DtsSubAccountAssumeRole -Cloud Alibaba -RamUserName dts-operator -PolicyName pester-not-a-grant -ProfileName alibaba-c -Confirm:$false }
            $e.FullyQualifiedErrorId | Should -Be 'GrantPolicyMismatch,DtsCrossAccount.Cmdlets.RevokeDtsSubAccountAssumeRoleCommand'
            Get-EmulatorWrite -Since $since | Should -Be @()
        }
    }
}
