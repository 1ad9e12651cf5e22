BeforeAll {
    . (Join-Path $PSScriptRoot 'PesterHelpers.ps1')
    Start-TestEmulator -ProfileDirectory (Join-Path $TestDrive 'profiles') | Out-Null
    $script:CamVersion = '2019-01-16'
    $script:RamVersion = '2015-05-01'
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

        It 'Should declare CrossAccountRole as its output type and support -WhatIf and -Confirm' {
            $cmd = Get-Command New-DtsCrossAccountRole
            $cmd.OutputType.Type | Should -Be ([DtsCrossAccount.CrossAccountRole])
            $cmd.Parameters.Keys | Should -Contain 'WhatIf'
            $cmd.Parameters.Keys | Should -Contain 'Confirm'
        }

        It 'Should refuse a mix of the two parameter sets in parameter binding' {
            $e = Get-CommandError { New-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000001 -TrustedAccountId 100000000002 -TaskAccountId 100000000003 }
            $e.FullyQualifiedErrorId | Should -Be 'AmbiguousParameterSet,DtsCrossAccount.Cmdlets.NewDtsCrossAccountRoleCommand'
        }
    }

    Context 'Tencent Cloud against the emulator' {
        It 'Should plan under -WhatIf without a write, then create exactly that role on a real run' {
            $name = New-UniqueName 'PesterRole'
            Assert-NoWrite { New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName $name -WhatIf -ErrorAction Stop }
            { Invoke-TencentApi -ProfileName tencent-a -Service cam -Version $CamVersion -Action GetRole -Body @{ RoleName = $name } } |
                Should -Throw '*InvalidParameter.RoleNotExist*'

            $since = Get-EmulatorCallCount
            $role = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName $name -Confirm:$false
            # The write counter sees real writes, so "no write" above is not vacuous.
            Get-EmulatorWrite -Since $since | Should -Be @('Tencent cam.CreateRole', 'Tencent cam.AttachRolePolicy')
            $role.Changed | Should -BeTrue
            $stored = (Invoke-TencentApi -ProfileName tencent-a -Service cam -Version $CamVersion -Action GetRole -Body @{ RoleName = $name }).RoleInfo
            $role.RoleId | Should -Be $stored.RoleId
            $statements = @(($stored.PolicyDocument | ConvertFrom-Json).statement)
            $statements.Count | Should -Be 1
            $statements[0].principal.qcs | Should -Be @('qcs::cam::uin/100000000002:root')
            $attached = (Invoke-TencentApi -ProfileName tencent-a -Service cam -Version $CamVersion -Action ListAttachedRolePolicies -Body @{ RoleName = $name; Page = 1; Rp = 20 }).List
            @($attached.PolicyName) | Should -Contain 'QcloudDTSReadOnlyAccess'
        }

        It 'Should report no change and write nothing on a re-run' {
            $name = New-UniqueName 'PesterAgain'
            New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName $name -Confirm:$false | Out-Null
            $since = Get-EmulatorCallCount
            $again = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName $name -Confirm:$false
            $again.Changed | Should -BeFalse
            $again.RoleName | Should -Be $name
            Get-EmulatorWrite -Since $since | Should -Be @()
        }

        It 'Should create the role a piped object names by property' {
            $name = New-UniqueName 'PesterPiped'
            $role = [pscustomobject]@{ Cloud = 'Tencent'; AccountId = '100000000001'; TrustedAccountId = '100000000002'; RoleName = $name; ExternalId = 'pester-ext-1' } |
                New-DtsCrossAccountRole -ProfileName tencent-a -Confirm:$false
            $role.RoleName | Should -Be $name
            $stored = (Invoke-TencentApi -ProfileName tencent-a -Service cam -Version $CamVersion -Action GetRole -Body @{ RoleName = $name }).RoleInfo
            $stored.PolicyDocument | Should -Match 'pester-ext-1'
            $stored.PolicyDocument | Should -Match 'qcs::cam::uin/100000000002:root'
        }

        It 'Should refuse a malformed account ID before any API call' {
            $since = Get-EmulatorCallCount
            $e = Get-CommandError { New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 'not-a-uin' -TrustedAccountId 100000000002 -RoleName x -Confirm:$false }
            $e.FullyQualifiedErrorId | Should -BeLike 'Invalid*AccountId,DtsCrossAccount.Cmdlets.NewDtsCrossAccountRoleCommand'
            $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
            @(Get-EmulatorCall -Since $since).Count | Should -Be 0
        }

        It 'Should refuse the keys of another account, saying whose they are, and write nothing' {
            $since = Get-EmulatorCallCount
            $e = Get-CommandError { New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-b -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName (New-UniqueName 'PesterWrong') -Confirm:$false }
            $e.FullyQualifiedErrorId | Should -Be 'CredentialAccountMismatch,DtsCrossAccount.Cmdlets.NewDtsCrossAccountRoleCommand'
            $e.CategoryInfo.Category | Should -Be 'PermissionDenied'
            $e.Exception.Message | Should -Match '100000000002'
            Get-EmulatorWrite -Since $since | Should -Be @()
        }
    }

    Context 'Alibaba Cloud against the emulator' {
        It 'Should plan under -WhatIf without a write, then create a role trusting the task account in both principals' {
            $name = New-UniqueName 'pester-role-'
            Assert-NoWrite { New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId 1000000000000001 -TrustedAccountId 1000000000000002 -RoleName $name -WhatIf -ErrorAction Stop }
            $since = Get-EmulatorCallCount
            $role = New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId 1000000000000001 -TrustedAccountId 1000000000000002 -RoleName $name -Confirm:$false
            @(Get-EmulatorWrite -Since $since) | Should -Contain 'Alibaba ram.CreateRole'
            $role.Changed | Should -BeTrue
            $document = (Invoke-AlibabaApi -ProfileName alibaba-a -Version $RamVersion -Action GetRole -Parameters @{ RoleName = $name }).Role.AssumeRolePolicyDocument | ConvertFrom-Json
            @($document.Statement).Count | Should -Be 1
            $document.Statement[0].Principal.RAM | Should -Be @('acs:ram::1000000000000002:root')
            $document.Statement[0].Principal.Service | Should -Be @('1000000000000002@dts.aliyuncs.com')
            $policies = (Invoke-AlibabaApi -ProfileName alibaba-a -Version $RamVersion -Action ListPoliciesForRole -Parameters @{ RoleName = $name }).Policies.Policy
            @($policies.PolicyName) | Should -Contain 'AliyunDTSRolePolicy'
        }

        It 'Should plan CrossAccountBoth from three IDs and leave account B''s role pending' {
            $name = New-UniqueName 'pester-both-'
            $roles = @(New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -SourceAccountId 1000000000000001 -DestinationAccountId 1000000000000002 `
                    -TaskAccountId 1000000000000003 -RoleName $name -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue)
            $roles.Count | Should -Be 2
            $roles.Scenario | Should -Be @('CrossAccountBoth', 'CrossAccountBoth')
            ($roles | Where-Object AccountId -EQ '1000000000000001').Changed | Should -BeTrue
            ($roles | Where-Object AccountId -EQ '1000000000000002').Changed | Should -BeFalse
            "$warnings" | Should -Match '1000000000000002'
        }

        It 'Should refuse the keys of another account' {
            $e = Get-CommandError { New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-b -AccountId 1000000000000001 -TrustedAccountId 1000000000000003 -RoleName (New-UniqueName 'pester-wrong-') -Confirm:$false }
            $e.FullyQualifiedErrorId | Should -Be 'CredentialAccountMismatch,DtsCrossAccount.Cmdlets.NewDtsCrossAccountRoleCommand'
            $e.CategoryInfo.Category | Should -Be 'PermissionDenied'
        }
    }
}
