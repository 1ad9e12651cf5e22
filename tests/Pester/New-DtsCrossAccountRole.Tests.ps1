BeforeAll {
    . (Join-Path $PSScriptRoot 'PesterHelpers.ps1')
    $script:BaseUrl = Start-TestEmulator -ProfileDirectory (Join-Path $TestDrive 'profiles')
}

AfterAll {
    Stop-TestEmulator
}

Describe 'New-DtsCrossAccountRole' {
    Context 'Surface' {
        It 'Should have the parameter sets Role (default) and Scenario' {
            $cmd = Get-Command New-DtsCrossAccountRole
            $cmd.ParameterSets.Name | Sort-Object | Should -Be @('Role', 'Scenario')
            $cmd.DefaultParameterSet | Should -Be 'Role'
        }

        It 'Should require <Parameter> in the <Set> set' -TestCases @(
            @{ Set = 'Role'; Parameter = 'AccountId' }, @{ Set = 'Role'; Parameter = 'TrustedAccountId' }, @{ Set = 'Role'; Parameter = 'Cloud' },
            @{ Set = 'Scenario'; Parameter = 'SourceAccountId' }, @{ Set = 'Scenario'; Parameter = 'DestinationAccountId' }, @{ Set = 'Scenario'; Parameter = 'TaskAccountId' }
        ) {
            (Get-ParameterInSet New-DtsCrossAccountRole $Set $Parameter).IsMandatory | Should -BeTrue
        }

        It 'Should bind <Parameter> by property name' -TestCases @(
            @{ Parameter = 'Cloud' }, @{ Parameter = 'AccountId' }, @{ Parameter = 'TrustedAccountId' }, @{ Parameter = 'RoleName' }, @{ Parameter = 'ExternalId' }
        ) {
            (Get-ParameterInSet New-DtsCrossAccountRole 'Role' $Parameter).ValueFromPipelineByPropertyName | Should -BeTrue
        }

        It 'Should declare CrossAccountRole as its output type' {
            (Get-Command New-DtsCrossAccountRole).OutputType.Type | Should -Be ([DtsCrossAccount.CrossAccountRole])
        }

        It 'Should support ShouldProcess' {
            (Get-Command New-DtsCrossAccountRole).Parameters.Keys | Should -Contain 'WhatIf'
        }
    }

    Context 'Tencent Cloud against the emulator' {
        It 'Should send no write request under -WhatIf' {
            $before = Get-SuccessfulWriteCount $BaseUrl
            New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName PesterWhatIf -WhatIf
            Get-SuccessfulWriteCount $BaseUrl | Should -Be $before
        }

        It 'Should create the role once and report no change on a re-run' {
            $role = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName PesterRole -Confirm:$false
            $role.Changed | Should -BeTrue
            $role.AttachedPolicies | Should -Contain 'QcloudDTSReadOnlyAccess'
            $again = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName PesterRole -Confirm:$false
            $again.Changed | Should -BeFalse
        }

        It 'Should take account pairs from the pipeline by property name' {
            $roles = [pscustomobject]@{ Cloud = 'Tencent'; AccountId = '100000000001'; TrustedAccountId = '100000000002'; RoleName = 'PesterPiped' } |
                New-DtsCrossAccountRole -ProfileName tencent-a -WhatIf
            $roles | Should -BeNullOrEmpty
        }
    }

    Context 'Alibaba Cloud against the emulator' {
        It 'Should plan CrossAccountBoth from three IDs and leave account B''s role pending' {
            $roles = New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -SourceAccountId 1000000000000001 -DestinationAccountId 1000000000000002 `
                -TaskAccountId 1000000000000003 -RoleName pester-both -Confirm:$false -WarningAction SilentlyContinue
            $roles.Count | Should -Be 2
            $roles | ForEach-Object { $_.Scenario | Should -Be 'CrossAccountBoth' }
            ($roles | Where-Object AccountId -eq '1000000000000002').Changed | Should -BeFalse
        }
    }
}
