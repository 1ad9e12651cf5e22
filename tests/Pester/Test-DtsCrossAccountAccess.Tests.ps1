BeforeAll {
    . (Join-Path $PSScriptRoot 'PesterHelpers.ps1')
    $script:BaseUrl = Start-TestEmulator -ProfileDirectory (Join-Path $TestDrive 'profiles')
}

AfterAll {
    Stop-TestEmulator
}

Describe 'Test-DtsCrossAccountAccess' {
    Context 'Surface' {
        It 'Should require <Parameter>' -TestCases @(@{ Parameter = 'Cloud' }, @{ Parameter = 'RoleAccountId' }, @{ Parameter = 'RoleName' }) {
            ((Get-Command Test-DtsCrossAccountAccess).ParameterSets[0].Parameters | Where-Object Name -eq $Parameter).IsMandatory | Should -BeTrue
        }

        It 'Should bind <Parameter> by property name' -TestCases @(@{ Parameter = 'RoleAccountId' }, @{ Parameter = 'RoleName' }, @{ Parameter = 'ExternalId' }, @{ Parameter = 'TrustedAccountId' }) {
            ((Get-Command Test-DtsCrossAccountAccess).ParameterSets[0].Parameters | Where-Object Name -eq $Parameter).ValueFromPipelineByPropertyName | Should -BeTrue
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
        It 'Should fail the AssumeRole check, with a remedy, for a sub-account without a grant' {
            $role = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName PesterAccess -Confirm:$false
            $before = Get-SuccessfulWriteCount $BaseUrl
            $check = $role | Test-DtsCrossAccountAccess -ProfileName tencent-b-sub -Region ap-guangzhou
            $check.Passed | Should -BeFalse
            $assume = $check.Checks | Where-Object Name -eq 'AssumeRole'
            $assume.Result | Should -Be 'Failed'
            $assume.Remedy | Should -Match 'Grant-DtsSubAccountAssumeRole'
            Get-SuccessfulWriteCount $BaseUrl | Should -Be $before
        }

        It 'Should pass as the root account the role trusts' {
            $check = Test-DtsCrossAccountAccess -Cloud Tencent -ProfileName tencent-b -RoleAccountId 100000000001 -RoleName PesterAccess -Region ap-guangzhou
            $check.Passed | Should -BeTrue
        }
    }

    Context 'Alibaba Cloud against the emulator' {
        It 'Should report every check as data' {
            $check = Test-DtsCrossAccountAccess -Cloud Alibaba -ProfileName alibaba-c -RoleAccountId 1000000000000001 -RoleName no-such-role -Region cn-hangzhou
            $check | Should -BeOfType ([DtsCrossAccount.AccessCheck])
            $check.Passed | Should -BeFalse
            @($check.Checks | Where-Object { $_.Result -eq 'Failed' -and $_.Remedy }).Count | Should -BeGreaterThan 0
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
