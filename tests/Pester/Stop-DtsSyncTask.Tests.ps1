BeforeAll {
    . (Join-Path $PSScriptRoot 'PesterHelpers.ps1')
    Start-TestEmulator -ProfileDirectory (Join-Path $TestDrive 'profiles') | Out-Null
    $password = ConvertTo-SecureString 'Pester-Db-Passw0rd' -AsPlainText -Force
    $script:DbCredential = [pscredential]::new('dts_user', $password)

    # A running task of each cloud, bought through the module with a cross-account source.
    function New-TencentTask([string]$Prefix) {
        $role = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName (New-UniqueName 'pester-life-') -Confirm:$false
        $role | New-DtsSyncTask -ProfileName tencent-b -Region ap-guangzhou -Name (New-UniqueName $Prefix) -SourceInstanceId cdb-src00001 -DestinationInstanceId cdb-dst00001 `
            -SourceDatabaseCredential $DbCredential -DestinationDatabaseCredential $DbCredential -Database shop -Wait -TimeoutSeconds 60 -Confirm:$false
    }
    function New-AlibabaTask([string]$Prefix) {
        $role = New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -AccountId 1000000000000001 -TrustedAccountId 1000000000000002 -RoleName (New-UniqueName 'pester-life-') -Confirm:$false
        $role | New-DtsSyncTask -ProfileName alibaba-b -Region cn-hangzhou -Name (New-UniqueName $Prefix) -SourceInstanceId rm-src0000001 -DestinationInstanceId rm-dst0000001 `
            -SourceDatabaseCredential $DbCredential -DestinationDatabaseCredential $DbCredential -Database shop -Wait -TimeoutSeconds 60 -Confirm:$false
    }
    # The task as the cloud stores it, read through the DTS APIs (signed here, not by the module); $null when gone.
    function Get-TencentJob([string]$JobId) {
        @((Invoke-TencentApi -ProfileName tencent-b -Service dts -Version '2021-12-06' -Action DescribeSyncJobs -Region ap-guangzhou -Body @{ JobId = $JobId }).JobList) |
            Where-Object JobId -EQ $JobId
    }
    function Get-AlibabaJob([string]$JobId) {
        @((Invoke-AlibabaApi -ProfileName alibaba-b -Version '2020-01-01' -Action DescribeDtsJobs -Parameters @{ Region = 'cn-hangzhou'; JobType = 'SYNC'; PageSize = 100 }).DtsJobList) |
            Where-Object DtsJobId -EQ $JobId
    }
}

AfterAll {
    Stop-TestEmulator
}

Describe 'Stop-DtsSyncTask' {
    Context 'Surface' {
        It 'Should have the ByName, ById and InputObject parameter sets, ByName the default' {
            $c = Get-Command Stop-DtsSyncTask
            @($c.ParameterSets.Name | Sort-Object) | Should -Be @('ById', 'ByName', 'InputObject')
            $c.DefaultParameterSet | Should -Be 'ByName'
        }

        It 'Should declare SyncTask as its OutputType and ConfirmImpact High' {
            (Get-Command Stop-DtsSyncTask).OutputType.Type | Should -Be ([DtsCrossAccount.SyncTask])
            $attr = [DtsCrossAccount.Cmdlets.StopDtsSyncTaskCommand].GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
            $attr.ConfirmImpact | Should -Be 'High'
        }
    }

    Context 'Tencent Cloud against the emulator' {
        BeforeAll { $script:Task = New-TencentTask 'pester-stop-' }

        It 'Should send no write request under -WhatIf' {
            Assert-NoWrite { $Task | Stop-DtsSyncTask -ProfileName tencent-b -WhatIf -ErrorAction Stop }
            (Get-TencentJob $Task.TaskId).Status | Should -Be 'Running'
        }

        It 'Should stop a piped task that has caught up and leave it Stopped' {
            $since = Get-EmulatorCallCount
            $stopped = $Task | Stop-DtsSyncTask -ProfileName tencent-b -Confirm:$false
            @(Get-EmulatorWrite -Since $since) | Should -Be @('Tencent dts.StopSyncJob')
            $stopped.Status | Should -Be 'Stopped'
            (Get-TencentJob $Task.TaskId).Status | Should -Be 'Stopped'
        }

        It 'Should change nothing when the task is already stopped' {
            $since = Get-EmulatorCallCount
            (Stop-DtsSyncTask -Cloud Tencent -ProfileName tencent-b -Region ap-guangzhou -TaskId $Task.TaskId -Confirm:$false).Changed | Should -BeFalse
            @(Get-EmulatorWrite -Since $since) | Should -Be @()
        }
    }

    Context 'Alibaba Cloud against the emulator' {
        BeforeAll { $script:AliTask = New-AlibabaTask 'pester-stop-' }

        It 'Should send no write request under -WhatIf' {
            Assert-NoWrite { Stop-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-b -Region cn-hangzhou -TaskId $AliTask.TaskId -WhatIf -ErrorAction Stop }
        }

        It 'Should end the task with StopDtsJob and leave it Finished' {
            $since = Get-EmulatorCallCount
            $stopped = Stop-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-b -Region cn-hangzhou -Name $AliTask.Name -Confirm:$false
            @(Get-EmulatorWrite -Since $since) | Should -Be @('Alibaba dts.StopDtsJob')
            $stopped.Status | Should -Be 'Finished'
            (Get-AlibabaJob $AliTask.TaskId).Status | Should -Be 'Finished'
        }

        It 'Should report a task that does not exist as SyncTaskNotFound' {
            $e = Get-CommandError { Stop-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-b -Region cn-hangzhou -Name (New-UniqueName 'pester-none-') -Confirm:$false }
            $e.FullyQualifiedErrorId | Should -Be 'SyncTaskNotFound,DtsCrossAccount.Cmdlets.StopDtsSyncTaskCommand'
        }
    }
}
