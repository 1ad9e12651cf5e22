BeforeAll {
    . (Join-Path $PSScriptRoot 'PesterHelpers.ps1')
    $script:BaseUrl = Start-TestEmulator -ProfileDirectory (Join-Path $TestDrive 'profiles')
}

AfterAll {
    Stop-TestEmulator
}

Describe 'Grant-DtsSubAccountAssumeRole' {
    Context 'Surface' {
        It 'Should have the parameter sets SubAccountUin (default) and RamUserName' {
            $cmd = Get-Command Grant-DtsSubAccountAssumeRole
            $cmd.ParameterSets.Name | Sort-Object | Should -Be @('RamUserName', 'SubAccountUin')
            $cmd.DefaultParameterSet | Should -Be 'SubAccountUin'
        }

        It 'Should require <Parameter> in the <Set> set' -TestCases @(
            @{ Set = 'SubAccountUin'; Parameter = 'SubAccountUin' }, @{ Set = 'RamUserName'; Parameter = 'RamUserName' },
            @{ Set = 'SubAccountUin'; Parameter = 'RoleAccountId' }, @{ Set = 'SubAccountUin'; Parameter = 'RoleName' }
        ) {
            (Get-ParameterInSet Grant-DtsSubAccountAssumeRole $Set $Parameter).IsMandatory | Should -BeTrue
        }

        It 'Should bind a role''s AccountId to -RoleAccountId through its alias' {
            (Get-Command Grant-DtsSubAccountAssumeRole).Parameters['RoleAccountId'].Aliases | Should -Contain 'AccountId'
            (Get-ParameterInSet Grant-DtsSubAccountAssumeRole 'SubAccountUin' 'RoleAccountId').ValueFromPipelineByPropertyName | Should -BeTrue
        }

        It 'Should declare AssumeRoleGrant as its output type' {
            (Get-Command Grant-DtsSubAccountAssumeRole).OutputType.Type | Should -Be ([DtsCrossAccount.AssumeRoleGrant])
        }
    }

    Context 'Tencent Cloud against the emulator' {
        BeforeAll {
            $script:Role = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName PesterGrant -Confirm:$false
        }

        It 'Should send no write request under -WhatIf' {
            $before = Get-SuccessfulWriteCount $BaseUrl
            $Role | Grant-DtsSubAccountAssumeRole -ProfileName tencent-b -SubAccountUin 100000000021 -WhatIf
            Get-SuccessfulWriteCount $BaseUrl | Should -Be $before
        }

        It 'Should grant a piped role to the sub-account' {
            $grant = $Role | Grant-DtsSubAccountAssumeRole -ProfileName tencent-b -SubAccountUin 100000000021 -Confirm:$false
            $grant.SubAccountUin | Should -Be '100000000021'
            $grant.Resource | Should -Be 'qcs::cam::uin/100000000001:roleName/PesterGrant'
        }

        It 'Should refuse -RamUserName on Tencent Cloud' {
            { Grant-DtsSubAccountAssumeRole -Cloud Tencent -ProfileName tencent-b -RoleAccountId 100000000001 -RoleName PesterGrant -RamUserName x -ErrorAction Stop } |
                Should -Throw -ErrorId 'SubAccountParameterMismatch,DtsCrossAccount.Cmdlets.GrantDtsSubAccountAssumeRoleCommand'
        }
    }

    Context 'Alibaba Cloud against the emulator' {
        It 'Should grant the RAM user of the task account' {
            $grant = Grant-DtsSubAccountAssumeRole -Cloud Alibaba -ProfileName alibaba-c -RoleAccountId 1000000000000001 -RoleName ram-for-dts -RamUserName dts-operator -Confirm:$false
            $grant.SubAccountName | Should -Be 'dts-operator'
        }
    }
}
