BeforeAll {
    . (Join-Path $PSScriptRoot 'PesterHelpers.ps1')
    $script:BaseUrl = Start-TestEmulator -ProfileDirectory (Join-Path $TestDrive 'profiles')
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
            $p = (Get-Command Set-DtsTrustPolicy).ParameterSets[0].Parameters | Where-Object Name -eq $Parameter
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
            $script:Role = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName PesterTrust -Confirm:$false
        }

        It 'Should send no write request under -WhatIf' {
            $before = Get-SuccessfulWriteCount $BaseUrl
            $Role | Set-DtsTrustPolicy -ProfileName tencent-a -ExternalId 'pester-ext' -WhatIf
            Get-SuccessfulWriteCount $BaseUrl | Should -Be $before
        }

        It 'Should set the external ID on a piped role' {
            $updated = $Role | Set-DtsTrustPolicy -ProfileName tencent-a -ExternalId 'pester-ext' -Confirm:$false
            $updated.ExternalId | Should -Be 'pester-ext'
            $updated.Changed | Should -BeTrue
        }
    }

    Context 'Alibaba Cloud against the emulator' {
        It 'Should trust the task account through both principals' {
            New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId 1000000000000001 -TrustedAccountId 1000000000000002 -RoleName pester-trust -Confirm:$false | Out-Null
            $role = Set-DtsTrustPolicy -Cloud Alibaba -ProfileName alibaba-a -AccountId 1000000000000001 -RoleName pester-trust -TrustedAccountId 1000000000000003 -Confirm:$false
            $role.TrustedAccountId | Should -Be '1000000000000003'
        }
    }
}
