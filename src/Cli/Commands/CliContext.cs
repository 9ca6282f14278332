namespace Dendra.Cli.Commands;

/// <summary>Where a command writes: results to <see cref="Out"/>, progress and errors to <see cref="Error"/>.</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
internal sealed record CliContext(TextWriter Out, TextWriter Error);
