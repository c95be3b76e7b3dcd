using System.Collections;

namespace GraphEmulator.Hosting;

/// <summary>
/// A set of strings (ordinal) that a test may change while the server reads it on other threads.
/// The BCL has no concurrent set; a lock around a HashSet is enough at this scale.
/// </summary>
internal sealed class SynchronizedStringSet : ISet<string>
{
    private readonly Lock gate = new();
    private readonly HashSet<string> items = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (gate)
            {
                return items.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public bool Add(string item)
    {
        lock (gate)
        {
            return items.Add(item);
        }
    }

    void ICollection<string>.Add(string item) => Add(item);

    public void Clear()
    {
        lock (gate)
        {
            items.Clear();
        }
    }

    public bool Contains(string item)
    {
        lock (gate)
        {
            return items.Contains(item);
        }
    }

    public bool Remove(string item)
    {
        lock (gate)
        {
            return items.Remove(item);
        }
    }

    public void CopyTo(string[] array, int arrayIndex)
    {
        lock (gate)
        {
            items.CopyTo(array, arrayIndex);
        }
    }

    // Enumerates a snapshot so a caller never sees "collection was modified".
    public IEnumerator<string> GetEnumerator() => Snapshot().AsEnumerable().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void ExceptWith(IEnumerable<string> other) => Mutate(other, (s, o) => s.ExceptWith(o));

    public void IntersectWith(IEnumerable<string> other) => Mutate(other, (s, o) => s.IntersectWith(o));

    public void SymmetricExceptWith(IEnumerable<string> other) => Mutate(other, (s, o) => s.SymmetricExceptWith(o));

    public void UnionWith(IEnumerable<string> other) => Mutate(other, (s, o) => s.UnionWith(o));

    public bool IsProperSubsetOf(IEnumerable<string> other) => Query(other, (s, o) => s.IsProperSubsetOf(o));

    public bool IsProperSupersetOf(IEnumerable<string> other) => Query(other, (s, o) => s.IsProperSupersetOf(o));

    public bool IsSubsetOf(IEnumerable<string> other) => Query(other, (s, o) => s.IsSubsetOf(o));

    public bool IsSupersetOf(IEnumerable<string> other) => Query(other, (s, o) => s.IsSupersetOf(o));

    public bool Overlaps(IEnumerable<string> other) => Query(other, (s, o) => s.Overlaps(o));

    public bool SetEquals(IEnumerable<string> other) => Query(other, (s, o) => s.SetEquals(o));

    private string[] Snapshot()
    {
        lock (gate)
        {
            return [.. items];
        }
    }

    // "other" is copied before the lock is taken: it may be this very set, or something slow to enumerate.
    private void Mutate(IEnumerable<string> other, Action<HashSet<string>, string[]> action)
    {
        ArgumentNullException.ThrowIfNull(other);
        var copy = other.ToArray();
        lock (gate)
        {
            action(items, copy);
        }
    }

    private bool Query(IEnumerable<string> other, Func<HashSet<string>, string[], bool> query)
    {
        ArgumentNullException.ThrowIfNull(other);
        var copy = other.ToArray();
        lock (gate)
        {
            return query(items, copy);
        }
    }
}
