using System.CommandLine;
using Dislocate.Cli.Execution;
using Dislocate.Contracts;
using Dislocate.Hosting;

namespace Dislocate.Cli.Commands;

/// <summary>Derives a System.CommandLine command from a plugin command's descriptor: one option or argument per parameter.</summary>
internal static class PluginCommandFactory
{
    public static Command Create(RegisteredCommand registered, Func<CommandRunner> runnerFactory)
    {
        var d = registered.Command.Descriptor;
        var command = new Command(d.Id, d.Help);
        var bindings = new List<(ParameterSpec Spec, Func<ParseResult, string?> Read)>();
        foreach (var spec in d.Parameters)
        {
            var description = Describe(spec);
            if (spec.Positional)
            {
                var argument = new Argument<string>(spec.Key)
                {
                    Description = description,
                    Arity = spec.Required ? ArgumentArity.ExactlyOne : ArgumentArity.ZeroOrOne,
                };
                command.Arguments.Add(argument);
                bindings.Add((spec, r => r.GetValue(argument)));
            }
            else
            {
                var option = new Option<string>("--" + spec.Key)
                {
                    Description = description,
                    HelpName = spec.Domain(),
                    Required = spec.Required,
                    Arity = spec.Kind == ParameterKind.Boolean ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne,
                };
                command.Options.Add(option);

                // A bare boolean flag (--resume) means true; an absent option means "use the default".
                bindings.Add((spec, r => r.GetResult(option) is { Implicit: false } result
                    ? result.Tokens.Count == 0 ? "true" : result.Tokens[0].Value
                    : null));
            }
        }

        command.SetAction((parse, cancellation) =>
        {
            var raw = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (spec, read) in bindings)
            {
                if (read(parse) is { } text)
                {
                    raw[spec.Key] = text;
                }
            }

            return runnerFactory().RunAsync(registered, raw, cancellation);
        });
        return command;
    }

    private static string Describe(ParameterSpec spec)
    {
        var text = spec.Help;
        if (spec.Default is { } d)
        {
            text += $" [default: {ParameterSpec.Format(d)}]";
        }

        return text;
    }
}
