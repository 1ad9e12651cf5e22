BeforeAll {
    . (Join-Path $PSScriptRoot 'PesterHelpers.ps1')
    Start-TestEmulator -ProfileDirectory (Join-Path $TestDrive 'profiles') | Out-Null
    $script:CamVersion = '2019-01-16'
    $script:RamVersion = '2015-05-01'

    # The one statement of a stored policy document: Allow, sts:AssumeRole (Tencent writes it as name/sts:AssumeRole).
    function Get-SingleStatement([string]$Document) {
        $doc = $Document | ConvertFrom-Json
        $statements = @(if ($doc.PSObject.Properties['statement']) { $doc.statement } else { $doc.Statement })
        $statements.Count | Should -Be 1 -Because "the grant document must hold exactly one statement: $Document"
        $statements[0]
    }
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
            @{ Set = 'SubAccountUin'; Parameter = 'RoleAccountId' }, @{ Set = 'SubAccountUin'; Parameter = 'RoleName' },
            @{ Set = 'RamUserName'; Parameter = 'RoleAccountId' }, @{ Set = 'RamUserName'; Parameter = 'RoleName' }
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

        It 'Should refuse -SubAccountUin together with -RamUserName in parameter binding' {
            $e = Get-CommandError { Grant-DtsSubAccountAssumeRole -Cloud Tencent -RoleAccountId 100000000001 -RoleName r -SubAccountUin 100000000021 -RamUserName x }
            $e.FullyQualifiedErrorId | Should -Be 'AmbiguousParameterSet,DtsCrossAccount.Cmdlets.GrantDtsSubAccountAssumeRoleCommand'
        }
    }

    Context 'Tencent Cloud against the emulator' {
        BeforeAll {
            $script:Role = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName (New-UniqueName 'PesterGrant') -Confirm:$false
        }

        It 'Should send no write request under -WhatIf' {
            Assert-NoWrite { $Role | Grant-DtsSubAccountAssumeRole -ProfileName tencent-b -SubAccountUin 100000000021 -WhatIf -ErrorAction Stop }
        }

        It 'Should store one statement allowing sts:AssumeRole on exactly the piped role, attached to the sub-account' {
            $since = Get-EmulatorCallCount
            $grant = $Role | Grant-DtsSubAccountAssumeRole -ProfileName tencent-b -SubAccountUin 100000000021 -Confirm:$false
            @(Get-EmulatorWrite -Since $since) | Should -Contain 'Tencent cam.AttachUserPolicy'
            $grant.Changed | Should -BeTrue

            $policy = Invoke-TencentApi -ProfileName tencent-b -Service cam -Version $CamVersion -Action GetPolicy -Body @{ PolicyId = [long]$grant.PolicyId }
            $statement = Get-SingleStatement $policy.PolicyDocument
            $statement.effect | Should -Be 'allow'
            @($statement.action) | Should -Be @('name/sts:AssumeRole')
            @($statement.resource) | Should -Be @("qcs::cam::uin/100000000001:roleName/$($Role.RoleName)")

            $attached = (Invoke-TencentApi -ProfileName tencent-b -Service cam -Version $CamVersion -Action ListAttachedUserPolicies -Body @{ TargetUin = 100000000021; Page = 1; Rp = 50 }).List
            @($attached.PolicyId) | Should -Contain ([long]$grant.PolicyId)
        }

        It 'Should report no change and write nothing on a re-run' {
            $since = Get-EmulatorCallCount
            $again = $Role | Grant-DtsSubAccountAssumeRole -ProfileName tencent-b -SubAccountUin 100000000021 -Confirm:$false
            $again.Changed | Should -BeFalse
            Get-EmulatorWrite -Since $since | Should -Be @()
        }

        It 'Should refuse -RamUserName on Tencent Cloud before any call' {
            $since = Get-EmulatorCallCount
            $e = Get-CommandError { Grant-DtsSubAccountAssumeRole -Cloud Tencent -ProfileName tencent-b -RoleAccountId 100000000001 -RoleName $Role.RoleName -RamUserName x }
            $e.FullyQualifiedErrorId | Should -Be 'SubAccountParameterMismatch,DtsCrossAccount.Cmdlets.GrantDtsSubAccountAssumeRoleCommand'
            $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
            @(Get-EmulatorCall -Since $since).Count | Should -Be 0
        }

        It 'Should refuse a sub-account that does not exist, writing nothing' {
            $since = Get-EmulatorCallCount
            $e = Get-CommandError { $Role | Grant-DtsSubAccountAssumeRole -ProfileName tencent-b -SubAccountUin 100000000099 -Confirm:$false }
            $e.FullyQualifiedErrorId | Should -Be 'SubAccountNotFound,DtsCrossAccount.Cmdlets.GrantDtsSubAccountAssumeRoleCommand'
            $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            Get-EmulatorWrite -Since $since | Should -Be @()
        }

        It 'Should refuse a grant made in the role owner''s own account' {
            $e = Get-CommandError { Grant-DtsSubAccountAssumeRole -Cloud Tencent -ProfileName tencent-a -RoleAccountId 100000000001 -RoleName $Role.RoleName -SubAccountUin 100000000021 -Confirm:$false }
            $e.FullyQualifiedErrorId | Should -Be 'GrantInRoleOwnerAccount,DtsCrossAccount.Cmdlets.GrantDtsSubAccountAssumeRoleCommand'
            $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        }
    }

    Context 'Alibaba Cloud against the emulator' {
        BeforeAll {
            $script:AliRole = New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId 1000000000000001 -TrustedAccountId 1000000000000003 -RoleName (New-UniqueName 'pester-grant-') -Confirm:$false
        }

        It 'Should send no write request under -WhatIf' {
            Assert-NoWrite { $AliRole | Grant-DtsSubAccountAssumeRole -ProfileName alibaba-c -RamUserName dts-operator -WhatIf -ErrorAction Stop }
        }

        It 'Should store one statement allowing sts:AssumeRole on exactly the piped role, attached to the RAM user' {
            $grant = $AliRole | Grant-DtsSubAccountAssumeRole -ProfileName alibaba-c -RamUserName dts-operator -Confirm:$false
            $grant.Changed | Should -BeTrue
            $policy = Invoke-AlibabaApi -ProfileName alibaba-c -Version $RamVersion -Action GetPolicy -Parameters @{ PolicyName = $grant.PolicyName; PolicyType = 'Custom' }
            $statement = Get-SingleStatement $policy.DefaultPolicyVersion.PolicyDocument
            $statement.Effect | Should -Be 'Allow'
            @($statement.Action) | Should -Be @('sts:AssumeRole')
            @($statement.Resource) | Should -Be @("acs:ram::1000000000000001:role/$($AliRole.RoleName)")
            $attached = (Invoke-AlibabaApi -ProfileName alibaba-c -Version $RamVersion -Action ListPoliciesForUser -Parameters @{ UserName = 'dts-operator' }).Policies.Policy
            @($attached.PolicyName) | Should -Contain $grant.PolicyName
        }

        It 'Should refuse a RAM user that does not exist, writing nothing' {
            $since = Get-EmulatorCallCount
            $e = Get-CommandError { $AliRole | Grant-DtsSubAccountAssumeRole -ProfileName alibaba-c -RamUserName no-such-user -Confirm:$false }
            $e.FullyQualifiedErrorId | Should -Be 'RamUserNotFound,DtsCrossAccount.Cmdlets.GrantDtsSubAccountAssumeRoleCommand'
            $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            Get-EmulatorWrite -Since $since | Should -Be @()
        }

        It 'Should refuse -SubAccountUin on Alibaba Cloud before any call' {
            $e = Get-CommandError { Grant-DtsSubAccountAssumeRole -Cloud Alibaba -ProfileName alibaba-c -RoleAccountId 1000000000000001 -RoleName $AliRole.RoleName -SubAccountUin 100000000021 }
            $e.FullyQualifiedErrorId | Should -Be 'SubAccountParameterMismatch,DtsCrossAccount.Cmdlets.GrantDtsSubAccountAssumeRoleCommand'
        }
    }
}
