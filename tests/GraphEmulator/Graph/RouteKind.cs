namespace GraphEmulator.Graph;

/// <summary>What a Graph path names.</summary>
internal enum RouteKind
{
    Collection,
    Item,
    UnknownVersion,
    UnknownSegment,
}
