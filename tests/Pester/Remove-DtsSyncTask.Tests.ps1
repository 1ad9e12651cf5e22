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

Describe 'Remove-DtsSyncTask' {
    Context 'Surface' {
        It 'Should keep -Name, -TaskId, -Region, -Cloud, -ProfileName and pipeline input' {
            $c = Get-Command Remove-DtsSyncTask
            @($c.ParameterSets.Name | Sort-Object) | Should -Be @('ById', 'ByName', 'InputObject')
            foreach ($p in 'Name', 'TaskId', 'Region', 'Cloud', 'ProfileName', 'InputObject', 'Force') { $c.Parameters.ContainsKey($p) | Should -BeTrue }
            (Get-ParameterInSet Remove-DtsSyncTask ByName Name).Position | Should -Be 0
        }

        It 'Should declare SyncTask as its OutputType and ConfirmImpact High' {
            (Get-Command Remove-DtsSyncTask).OutputType.Type | Should -Be ([DtsCrossAccount.SyncTask])
            $attr = [DtsCrossAccount.Cmdlets.RemoveDtsSyncTaskCommand].GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
            $attr.ConfirmImpact | Should -Be 'High'
        }
    }

    Context 'Tencent Cloud against the emulator' {
        BeforeAll { $script:Task = New-TencentTask 'pester-remove-' }

        It 'Should send no write request under -WhatIf' {
            Assert-NoWrite { $Task | Remove-DtsSyncTask -ProfileName tencent-b -WhatIf -ErrorAction Stop }
            Get-TencentJob $Task.TaskId | Should -Not -BeNullOrEmpty
        }

        It 'Should stop, isolate and destroy the job, after which DescribeSyncJobs no longer lists it' {
            $since = Get-EmulatorCallCount
            $removed = $Task | Remove-DtsSyncTask -ProfileName tencent-b -Confirm:$false
            @(Get-EmulatorWrite -Since $since) | Should -Be @('Tencent dts.StopSyncJob', 'Tencent dts.IsolateSyncJob', 'Tencent dts.DestroySyncJob')
            $removed.Status | Should -Be 'Released'
            $removed.Changes.Count | Should -Be 3
            Get-TencentJob $Task.TaskId | Should -BeNullOrEmpty
        }

        It 'Should be a no-op the second time, without an error' {
            $since = Get-EmulatorCallCount
            $again = Remove-DtsSyncTask -Cloud Tencent -ProfileName tencent-b -Region ap-guangzhou -Name $Task.Name -Confirm:$false -ErrorAction Stop
            $again.Changed | Should -BeFalse
            @(Get-EmulatorWrite -Since $since) | Should -Be @()
        }
    }

    Context 'Alibaba Cloud against the emulator' {
        BeforeAll { $script:AliTask = New-AlibabaTask 'pester-remove-' }

        It 'Should send no write request under -WhatIf' {
            Assert-NoWrite { Remove-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-b -Region cn-hangzhou -TaskId $AliTask.TaskId -WhatIf -ErrorAction Stop }
        }

        It 'Should release the job with DeleteDtsJob, after which DescribeDtsJobs no longer lists it' {
            $since = Get-EmulatorCallCount
            $removed = Remove-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-b -Region cn-hangzhou -TaskId $AliTask.TaskId -Confirm:$false
            @(Get-EmulatorWrite -Since $since) | Should -Be @('Alibaba dts.DeleteDtsJob')
            $removed.Changed | Should -BeTrue
            Get-AlibabaJob $AliTask.TaskId | Should -BeNullOrEmpty
        }

        It 'Should be a no-op for a piped task that is already released' {
            ($AliTask | Remove-DtsSyncTask -ProfileName alibaba-b -Confirm:$false -ErrorAction Stop).Changed | Should -BeFalse
        }
    }
}
