using System.Management.Automation;
using DtsCrossAccount.Core;

namespace DtsCrossAccount.Services
{
    /// <summary>The sentences Stop- and Remove-DtsSyncTask say on both clouds, each with the command that goes on from there.</summary>
    internal static class SyncTaskMessages
    {
        private static string Select(CloudKind cloud, SyncTask task) =>
            "-Cloud " + cloud + " -Region " + task.Region + " -TaskId " + task.TaskId;

        public static string RerunStop(CloudKind cloud, SyncTask task) =>
            "Run Stop-DtsSyncTask " + Select(cloud, task) + " again to keep waiting; it does not stop the task twice.";

        public static string RerunRemove(CloudKind cloud, SyncTask task) =>
            "Run Remove-DtsSyncTask " + Select(cloud, task) + " again: it reads the task's state and finishes the release from where it stopped.";

        public static DtsCrossAccountException Gone(CloudKind cloud, SyncTask task) =>
            new DtsCrossAccountException("SyncTaskNotFound", ErrorCategory.ObjectNotFound,
                string.Format("{0} sync task {1} ('{2}') is no longer listed in {3}: it was released.", cloud, task.TaskId, task.Name, task.Region), task.TaskId,
                remedy: "List the tasks of the region with: Get-DtsSyncTask -Cloud " + cloud + " -Region " + task.Region + ".");

        public static DtsCrossAccountException NotStoppable(CloudKind cloud, SyncTask task, string why) =>
            new DtsCrossAccountException("SyncTaskNotStoppable", ErrorCategory.InvalidOperation,
                string.Format("{0} sync task {1} ('{2}') is {3}: {4}. Nothing was changed.", cloud, task.TaskId, task.Name, task.Status, why), task,
                remedy: "To release a task that never ran, use Remove-DtsSyncTask " + Select(cloud, task) + "; to follow a task that is starting, use Get-DtsSyncTask " + Select(cloud, task) + " -Wait -Status "
                        + (cloud == CloudKind.Tencent ? "Running" : "Synchronizing") + ".");

        /// <summary>The refusal when the guide says a stop is not yet safe and -Force was not given.</summary>
        public static DtsCrossAccountException StopNotSafe(CloudKind cloud, SyncTask task, string caution, string verb) =>
            new DtsCrossAccountException("SyncTaskStopNotSafe", ErrorCategory.InvalidOperation,
                string.Format("Not stopping {0} sync task {1} ('{2}'): {3}. {4} Nothing was changed.", cloud, task.TaskId, task.Name, caution,
                    cloud == CloudKind.Tencent
                        ? "The Tencent guide says to stop a sync task only once data sync has been completed (data gap 0 MB, lag 0 s)."
                        : "Stopping (ending) a task before the destination has caught up leaves the destination incomplete."), task,
                remedy: "Wait until the task has caught up (Get-DtsSyncTask " + Select(cloud, task) + " shows DelaySeconds 0), then run " + verb + " again; or add -Force to " + verb + " it anyway (you are asked to confirm).");

        public static DtsCrossAccountException Subscription(CloudKind cloud, SyncTask task, string consoleSteps) =>
            new DtsCrossAccountException("SyncTaskIsSubscription", ErrorCategory.InvalidOperation,
                string.Format("{0} sync task {1} ('{2}') is a subscription (prepaid) task: the DTS API does not release a subscription instance (DeleteDtsJob: \"subscription DTS instances cannot be released by API\"). It was left as it is ({3}).",
                    cloud, task.TaskId, task.Name, task.Status), task,
                remedy: consoleSteps);
    }
}
