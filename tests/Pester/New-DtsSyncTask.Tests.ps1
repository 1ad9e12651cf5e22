BeforeAll {
    . (Join-Path $PSScriptRoot 'PesterHelpers.ps1')
    $script:BaseUrl = Start-TestEmulator -ProfileDirectory (Join-Path $TestDrive 'profiles')
    $password = ConvertTo-SecureString 'Pester-Db-Passw0rd' -AsPlainText -Force
    $script:DbCredential = [pscredential]::new('dts_user', $password)
}

AfterAll {
    Stop-TestEmulator
}

Describe 'New-DtsSyncTask' {
    Context 'Surface' {
        It 'Should require <Parameter>' -TestCases @(
            @{ Parameter = 'Cloud' }, @{ Parameter = 'Name' }, @{ Parameter = 'SourceInstanceId' }, @{ Parameter = 'DestinationInstanceId' }
        ) {
            ((Get-Command New-DtsSyncTask).ParameterSets[0].Parameters | Where-Object Name -eq $Parameter).IsMandatory | Should -BeTrue
        }

        It 'Should take a role from the pipeline by value into -SourceRole' {
            $p = (Get-Command New-DtsSyncTask).ParameterSets[0].Parameters | Where-Object Name -eq 'SourceRole'
            $p.ValueFromPipeline | Should -BeTrue
            $p.ParameterType | Should -Be ([DtsCrossAccount.CrossAccountRole])
        }

        It 'Should accept only Structure, FullData and Incremental for -Initialization' {
            (Get-Command New-DtsSyncTask).Parameters['Initialization'].Attributes.ValidValues | Sort-Object | Should -Be @('FullData', 'Incremental', 'Structure')
        }

        It 'Should declare SyncTask as its output type and ConfirmImpact High' {
            (Get-Command New-DtsSyncTask).OutputType.Type | Should -Be ([DtsCrossAccount.SyncTask])
            [DtsCrossAccount.Cmdlets.NewDtsSyncTaskCommand].GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        }
    }

    Context 'Tencent Cloud against the emulator' {
        BeforeAll {
            $script:Role = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 100000000001 -TrustedAccountId 100000000002 -Confirm:$false
        }

        It 'Should buy nothing under -WhatIf' {
            $before = Get-SuccessfulWriteCount $BaseUrl
            $Role | New-DtsSyncTask -ProfileName tencent-b -Name pester-whatif -SourceInstanceId cdb-src00001 -SourceRegion ap-guangzhou `
                -DestinationInstanceId cdb-dst00001 -DestinationRegion ap-guangzhou -Database shop `
                -SourceDatabaseCredential $DbCredential -DestinationDatabaseCredential $DbCredential -WhatIf
            Get-SuccessfulWriteCount $BaseUrl | Should -Be $before
        }

        It 'Should create, verify and start the task from a piped role' {
            $task = $Role | New-DtsSyncTask -ProfileName tencent-b -Name pester-sync -SourceInstanceId cdb-src00001 -SourceRegion ap-guangzhou `
                -DestinationInstanceId cdb-dst00001 -DestinationRegion ap-guangzhou -Database shop `
                -SourceDatabaseCredential $DbCredential -DestinationDatabaseCredential $DbCredential -Wait -TimeoutSeconds 60 -Confirm:$false
            $task.Status | Should -Be 'Running'
            $again = $Role | New-DtsSyncTask -ProfileName tencent-b -Name pester-sync -SourceInstanceId cdb-src00001 -SourceRegion ap-guangzhou `
                -DestinationInstanceId cdb-dst00001 -DestinationRegion ap-guangzhou -Database shop `
                -SourceDatabaseCredential $DbCredential -DestinationDatabaseCredential $DbCredential -Confirm:$false
            $again.TaskId | Should -Be $task.TaskId
            $again.Changed | Should -BeFalse
        }
    }

    Context 'Alibaba Cloud against the emulator' {
        It 'Should stop after the precheck with -NoStart' {
            $task = New-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-b -Name pester-ali -Region cn-hangzhou `
                -SourceAccountId 1000000000000001 -SourceRoleName ram-for-dts -SourceInstanceId rm-src0000001 `
                -DestinationInstanceId rm-dst0000001 -Database shop `
                -SourceDatabaseCredential $DbCredential -DestinationDatabaseCredential $DbCredential -NoStart -Confirm:$false
            $task.Status | Should -Not -Be 'Running'
            $task.Checks | Should -Not -BeNullOrEmpty
        }
    }
}
