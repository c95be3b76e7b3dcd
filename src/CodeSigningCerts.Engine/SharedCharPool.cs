using System.Buffers;
using Newtonsoft.Json;

namespace CodeSigningCerts.Engine
{
    /// <summary>
    /// Newtonsoft's reader and writer buffers, and JsonBody's own, rented from the shared pool: a certificate's base64
    /// content is longer than the reader's first buffer, so without a pool every response allocated a buffer it then
    /// outgrew and threw away.
    /// </summary>
    internal sealed class SharedCharPool : IArrayPool<char>
    {
        public static readonly SharedCharPool Instance = new SharedCharPool();

        public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

        public void Return(char[]? array)
        {
            if (array is not null)
            {
                ArrayPool<char>.Shared.Return(array);
            }
        }
    }
}
