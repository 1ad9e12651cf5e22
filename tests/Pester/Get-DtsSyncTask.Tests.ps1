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

Describe 'Get-DtsSyncTask' {
    Context 'Surface' {
        It 'Should have the List, ByName, ById and InputObject parameter sets with List the default' {
            $c = Get-Command Get-DtsSyncTask
            @($c.ParameterSets.Name | Sort-Object) | Should -Be @('ById', 'ByName', 'InputObject', 'List')
            $c.DefaultParameterSet | Should -Be 'List'
        }

        It 'Should take a SyncTask by value and TaskId, Cloud and Region by property name' {
            (Get-ParameterInSet Get-DtsSyncTask InputObject InputObject).ValueFromPipeline | Should -BeTrue
            (Get-ParameterInSet Get-DtsSyncTask ById TaskId).ValueFromPipelineByPropertyName | Should -BeTrue
            (Get-ParameterInSet Get-DtsSyncTask ById Region).ValueFromPipelineByPropertyName | Should -BeTrue
            (Get-ParameterInSet Get-DtsSyncTask ById Cloud).ValueFromPipelineByPropertyName | Should -BeTrue
        }

        It 'Should declare SyncTask as its OutputType and make no change (no -WhatIf)' {
            (Get-Command Get-DtsSyncTask).OutputType.Type | Should -Be ([DtsCrossAccount.SyncTask])
            (Get-Command Get-DtsSyncTask).Parameters.ContainsKey('WhatIf') | Should -BeFalse
        }
    }

    Context 'Tencent Cloud against the emulator' {
        BeforeAll { $script:Task = New-TencentTask 'pester-get-' }

        It 'Should read the task by name with the role of its cross-account source, making no write' {
            $since = Get-EmulatorCallCount
            $got = Get-DtsSyncTask -Cloud Tencent -ProfileName tencent-b -Region ap-guangzhou -Name $Task.Name
            @(Get-EmulatorWrite -Since $since) | Should -Be @()
            $got.TaskId | Should -Be $Task.TaskId
            $got.Status | Should -Be (Get-TencentJob $Task.TaskId).Status
            $got.SourceRoleName | Should -Be (Get-TencentJob $Task.TaskId).SrcInfo.AccountRole
            $got.SourceAccountId | Should -Be '100000000001'
        }

        It 'Should read a piped task and list it with the region' {
            ($Task | Get-DtsSyncTask -ProfileName tencent-b).TaskId | Should -Be $Task.TaskId
            @(Get-DtsSyncTask -Cloud Tencent -ProfileName tencent-b -Region ap-guangzhou).TaskId | Should -Contain $Task.TaskId
        }

        It 'Should report a missing task as SyncTaskNotFound (ObjectNotFound)' {
            $e = Get-CommandError { Get-DtsSyncTask -Cloud Tencent -ProfileName tencent-b -Region ap-guangzhou -Name (New-UniqueName 'pester-none-') }
            $e.FullyQualifiedErrorId | Should -Be 'SyncTaskNotFound,DtsCrossAccount.Cmdlets.GetDtsSyncTaskCommand'
            $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        }
    }

    Context 'Alibaba Cloud against the emulator' {
        BeforeAll { $script:AliTask = New-AlibabaTask 'pester-get-' }

        It 'Should read the task by ID with the owner and role DTS stored' {
            $got = Get-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-b -Region cn-hangzhou -TaskId $AliTask.TaskId
            $stored = Get-AlibabaJob $AliTask.TaskId
            $got.Name | Should -Be $stored.DtsJobName
            $got.SourceAccountId | Should -Be $stored.SourceEndpoint.AliyunUid
            $got.SourceRoleName | Should -Be $stored.SourceEndpoint.RoleName
            $got.BillingMethod | Should -Be 'PayAsYouGo'
        }

        It 'Should return at once with -Wait when the task already synchronizes' {
            ($AliTask | Get-DtsSyncTask -ProfileName alibaba-b -Wait -TimeoutSeconds 30).Status | Should -Be 'Synchronizing'
        }

        It 'Should refuse -Status without -Wait before any call' {
            $since = Get-EmulatorCallCount
            $e = Get-CommandError { Get-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-b -Region cn-hangzhou -TaskId $AliTask.TaskId -Status Finished }
            $e.FullyQualifiedErrorId | Should -BeLike 'StatusWithoutWait,*'
            Get-EmulatorCallCount | Should -Be $since
        }
    }
}
