namespace GraphEmulator.Graph;

/// <summary>A property value a request body gave, or nothing: PATCH must tell "absent" from "null".</summary>
internal readonly record struct Change<T>(bool IsSet, T Value)
{
    public static Change<T> To(T value) => new(true, value);

    public T Or(T current) => IsSet ? Value : current;
}
