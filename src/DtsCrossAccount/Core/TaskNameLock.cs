using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace DtsCrossAccount.Core
{
    /// <summary>
    /// Serializes "look for the task by name, then buy" for one task name on this machine, across runspaces and
    /// processes (a named system mutex), so concurrent runs with the same -Name buy one task and the others join it.
    /// Neither cloud offers an idempotency token on its purchase call; runs on different machines are not covered.
    /// </summary>
    internal sealed class TaskNameLock : IDisposable
    {
        private readonly Mutex _mutex;

        private TaskNameLock(Mutex mutex)
        {
            _mutex = mutex;
        }

        /// <summary>Waits (with Ctrl+C) until no other run on this machine is buying a task of this cloud, account, region and name.</summary>
        public static TaskNameLock Acquire(string cloud, string accountId, string region, string name, CancellationToken cancel)
        {
            string key = cloud + "|" + accountId + "|" + region + "|" + name;
            byte[] hash;
            using (var sha = SHA256.Create()) hash = sha.ComputeHash(Encoding.UTF8.GetBytes(key));
            // Short, portable name: named mutexes are files on Unix and limited in length there.
            string mutexName = "DtsCrossAccount." + BitConverter.ToString(hash, 0, 12).Replace("-", "");
            var mutex = new Mutex(false, mutexName);
            try
            {
                while (true)
                {
                    try
                    {
                        if (mutex.WaitOne(TimeSpan.FromMilliseconds(250))) break;
                    }
                    catch (AbandonedMutexException)
                    {
                        break; // a run that held it ended without releasing it (killed): the lock is ours now
                    }
                    cancel.ThrowIfCancellationRequested();
                }
            }
            catch
            {
                mutex.Dispose();
                throw;
            }
            return new TaskNameLock(mutex);
        }

        public void Dispose()
        {
            try { _mutex.ReleaseMutex(); }
            finally { _mutex.Dispose(); }
        }
    }
}
