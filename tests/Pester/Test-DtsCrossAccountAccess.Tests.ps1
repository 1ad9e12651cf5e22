BeforeAll {
    . (Join-Path $PSScriptRoot 'PesterHelpers.ps1')
    Start-TestEmulator -ProfileDirectory (Join-Path $TestDrive 'profiles') | Out-Null

    # The failed checks of an access test, asserted non-empty first.
    function Get-FailedCheck($Check) {
        $Check | Should -BeOfType ([DtsCrossAccount.AccessCheck])
        @($Check.Checks).Count | Should -BeGreaterThan 0
        @($Check.Checks | Where-Object { "$($_.Result)" -eq 'Failed' })
    }
}

AfterAll {
    Stop-TestEmulator
}

Describe 'Test-DtsCrossAccountAccess' {
    Context 'Surface' {
        It 'Should require <Parameter>' -TestCases @(@{ Parameter = 'Cloud' }, @{ Parameter = 'RoleAccountId' }, @{ Parameter = 'RoleName' }) {
            ((Get-Command Test-DtsCrossAccountAccess).ParameterSets[0].Parameters | Where-Object Name -EQ $Parameter).IsMandatory | Should -BeTrue
        }

        It 'Should bind <Parameter> by property name' -TestCases @(@{ Parameter = 'RoleAccountId' }, @{ Parameter = 'RoleName' }, @{ Parameter = 'ExternalId' }, @{ Parameter = 'TrustedAccountId' }) {
            ((Get-Command Test-DtsCrossAccountAccess).ParameterSets[0].Parameters | Where-Object Name -EQ $Parameter).ValueFromPipelineByPropertyName | Should -BeTrue
        }

        It 'Should complete -Engine with the Tencent engines' {
            (Get-Command Test-DtsCrossAccountAccess).Parameters['Engine'].Attributes.Where({ $_ -is [System.Management.Automation.ArgumentCompleterAttribute] }) | Should -Not -BeNullOrEmpty
        }

        It 'Should change nothing, so it has no -WhatIf' {
            (Get-Command Test-DtsCrossAccountAccess).Parameters.Keys | Should -Not -Contain 'WhatIf'
        }

        It 'Should declare AccessCheck as its output type' {
            (Get-Command Test-DtsCrossAccountAccess).OutputType.Type | Should -Be ([DtsCrossAccount.AccessCheck])
        }
    }

    Context 'Tencent Cloud against the emulator' {
        BeforeAll {
            $script:Role = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName (New-UniqueName 'PesterAccess') -Confirm:$false
        }

        It 'Should fail the AssumeRole check, with the grant as remedy, for a sub-account without a grant, writing nothing' {
            $since = Get-EmulatorCallCount
            $check = $Role | Test-DtsCrossAccountAccess -ProfileName tencent-b-sub -Region ap-guangzhou
            $check.Passed | Should -BeFalse
            $failed = Get-FailedCheck $check
            $failed.Name | Should -Contain 'AssumeRole'
            ($failed | Where-Object Name -EQ 'AssumeRole').Remedy | Should -Match "Grant-DtsSubAccountAssumeRole .*$($Role.RoleName)"
            Get-EmulatorWrite -Since $since | Should -Be @()
        }

        It 'Should pass for the sub-account once the grant is made (role piped through the grant)' {
            $Role | Grant-DtsSubAccountAssumeRole -ProfileName tencent-b -SubAccountUin 100000000021 -Confirm:$false | Out-Null
            $check = $Role | Test-DtsCrossAccountAccess -ProfileName tencent-b-sub -Region ap-guangzhou
            @($check.Checks).Count | Should -BeGreaterThan 0
            $check.Passed | Should -BeTrue
            @($check.Checks | Where-Object { "$($_.Result)" -eq 'Failed' }) | Should -Be @()
            $check.RoleArn | Should -Be $Role.Arn
        }

        It 'Should pass as the root account the role trusts, checking the role itself with -OwnerProfileName' {
            $check = Test-DtsCrossAccountAccess -Cloud Tencent -ProfileName tencent-b -OwnerProfileName tencent-a -RoleAccountId 100000000001 -RoleName $Role.RoleName -Region ap-guangzhou
            $check.Passed | Should -BeTrue
            @($check.Checks | Where-Object { "$($_.Result)" -eq 'Passed' }).Count | Should -BeGreaterThan 1
        }

        It 'Should fail for a role that does not exist, with the command that creates it' {
            $missing = New-UniqueName 'PesterMissing'
            $check = Test-DtsCrossAccountAccess -Cloud Tencent -ProfileName tencent-b -RoleAccountId 100000000001 -RoleName $missing -Region ap-guangzhou
            $check.Passed | Should -BeFalse
            (Get-FailedCheck $check).Remedy -join "`n" | Should -Match "New-DtsCrossAccountRole .*$missing"
        }

        It 'Should refuse a malformed role account ID before any call' {
            $since = Get-EmulatorCallCount
            $e = Get-CommandError { Test-DtsCrossAccountAccess -Cloud Tencent -ProfileName tencent-b -RoleAccountId 'not-a-uin' -RoleName $Role.RoleName -Region ap-guangzhou }
            $e.FullyQualifiedErrorId | Should -BeLike 'Invalid*AccountId,DtsCrossAccount.Cmdlets.TestDtsCrossAccountAccessCommand'
            $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
            @(Get-EmulatorCall -Since $since).Count | Should -Be 0
        }
    }

    Context 'Alibaba Cloud against the emulator' {
        It 'Should pass for the RAM user once the role trusts its account and the grant is made (piped from New-DtsCrossAccountRole)' {
            $role = New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId 1000000000000001 -TrustedAccountId 1000000000000003 -RoleName (New-UniqueName 'pester-access-') -Confirm:$false
            $before = $role | Test-DtsCrossAccountAccess -ProfileName alibaba-c-operator -Region cn-hangzhou
            $before.Passed | Should -BeFalse
            (Get-FailedCheck $before).Remedy -join "`n" | Should -Match 'Grant-DtsSubAccountAssumeRole'

            $role | Grant-DtsSubAccountAssumeRole -ProfileName alibaba-c -RamUserName dts-operator -Confirm:$false | Out-Null
            $after = $role | Test-DtsCrossAccountAccess -ProfileName alibaba-c-operator -Region cn-hangzhou
            @($after.Checks).Count | Should -BeGreaterThan 0
            $after.Passed | Should -BeTrue
        }

        # Issue: with root keys every meaningful check used to be skipped and this passed ("all checks passed").
        It 'Should fail for a role that does not exist, with a remedy, with <Profile> keys' -TestCases @(
            @{ Profile = 'alibaba-c' }, @{ Profile = 'alibaba-c-operator' }
        ) {
            $check = Test-DtsCrossAccountAccess -Cloud Alibaba -ProfileName $Profile -RoleAccountId 1000000000000001 -RoleName (New-UniqueName 'no-such-role-') -Region cn-hangzhou
            $check.Passed | Should -BeFalse
            @((Get-FailedCheck $check) | Where-Object Remedy).Count | Should -BeGreaterThan 0
        }

        It 'Should fail for a role that trusts another account, naming Set-DtsTrustPolicy' {
            $role = New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId 1000000000000001 -TrustedAccountId 1000000000000002 -RoleName (New-UniqueName 'pester-other-') -Confirm:$false
            $check = Test-DtsCrossAccountAccess -Cloud Alibaba -ProfileName alibaba-c -OwnerProfileName alibaba-a -RoleAccountId 1000000000000001 -RoleName $role.RoleName -Region cn-hangzhou
            $check.Passed | Should -BeFalse
            (Get-FailedCheck $check).Remedy -join "`n" | Should -Match 'Set-DtsTrustPolicy'
        }

        It 'Should fail, never pass, a role that root keys cannot see, and say how to check and fix it' {
            $check = Test-DtsCrossAccountAccess -Cloud Alibaba -ProfileName alibaba-c -RoleAccountId 1000000000000001 -RoleName no-such-role -Region cn-hangzhou
            $assume = $check.Checks | Where-Object Name -eq 'AssumeRole'
            $assume.Result | Should -Be 'Failed'
            $assume.Remedy | Should -BeLike '*-OwnerProfileName <profile of account 1000000000000001>*'
            $assume.Remedy | Should -BeLike '*New-DtsCrossAccountRole -Cloud Alibaba -AccountId 1000000000000001 -RoleName no-such-role -TrustedAccountId 1000000000000003*'
        }

        It 'Should refuse an empty -Credential before any call, with the remedy in RecommendedAction' {
            $err = $null
            Test-DtsCrossAccountAccess -Cloud Alibaba -Credential ([pscredential]::Empty) -RoleAccountId 1000000000000001 -RoleName ram-for-dts -ErrorVariable err -ErrorAction SilentlyContinue
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -BeLike 'EmptyCredential,*'
            $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err[0].ErrorDetails.RecommendedAction | Should -BeLike 'Pass the key pair as -Credential*'
        }

        It 'Should show the cloud and each result by name in ConvertTo-Json' {
            $json = Test-DtsCrossAccountAccess -Cloud Alibaba -ProfileName alibaba-c -RoleAccountId 1000000000000001 -RoleName no-such-role | ConvertTo-Json -Depth 4
            $json | Should -BeLike '*"Cloud": "Alibaba"*'
            $json | Should -BeLike '*"Result": "Failed"*'
        }

        It 'Should name the missing role and the command that creates it when the owner is given' {
            $check = Test-DtsCrossAccountAccess -Cloud Alibaba -ProfileName alibaba-c -OwnerProfileName alibaba-a -RoleAccountId 1000000000000001 -RoleName no-such-role
            $check.Passed | Should -BeFalse
            $role = $check.Checks | Where-Object Name -eq 'RoleIsRamRole'
            $role.Result | Should -Be 'Failed'
            $role.Remedy | Should -BeLike 'Create it: New-DtsCrossAccountRole -Cloud Alibaba -AccountId 1000000000000001 -RoleName no-such-role*'
        }
    }
}
