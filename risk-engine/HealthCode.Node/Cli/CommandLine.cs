using System.Globalization;

namespace HealthCode.Node.Cli;

/// <summary>The parsed command line: a command word, then <c>--name value</c> options and <c>--flag</c>s.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private CommandLine(string command, Dictionary<string, string?> options)
    {
        Command = command;
        _options = options;
    }

    public string Command { get; }

    /// <summary>Parses arguments; throws <see cref="UsageException"/> on a stray word.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var command = args.Count > 0 ? args[0] : "help";
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);

        for (var i = 1; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || args[i].Length < 3)
            {
                throw new UsageException($"unexpected argument '{args[i]}'; options look like --name value");
            }

            var name = args[i][2..];
            var hasValue = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            options[name] = hasValue ? args[++i] : null;
        }

        return new CommandLine(command, options);
    }

    public string? Text(string name)
    {
        _used.Add(name);

        if (!_options.TryGetValue(name, out var value))
        {
            return null;
        }

        return value ?? throw new UsageException($"--{name} needs a value");
    }

    public string RequiredText(string name) => Text(name) ?? throw new UsageException($"--{name} is required");

    public bool Flag(string name)
    {
        _used.Add(name);

        if (!_options.TryGetValue(name, out var value))
        {
            return false;
        }

        return value is null ? true : throw new UsageException($"--{name} takes no value");
    }

    public int Integer(string name, int fallback)
    {
        var text = Text(name);

        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsageException($"--{name} must be a whole number, not '{text}'");
    }

    /// <summary>Fails on options that the command did not ask for, so a typo is not silently ignored.</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k)).ToList();

        if (unknown.Count > 0)
        {
            throw new UsageException($"unknown option --{unknown[0]} for '{Command}'");
        }
    }
}
