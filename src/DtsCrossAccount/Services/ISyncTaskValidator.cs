namespace DtsCrossAccount.Services
{
    /// <summary>
    /// Optional for a provider: checks a sync-task request before the service layer makes its first call (who am I),
    /// so bad input such as an unsupported engine is refused with no call at all. Makes no call itself.
    /// </summary>
    internal interface ISyncTaskValidator
    {
        void ValidateSyncTask(SyncTaskRequest request);
    }
}
