using HealthCode.Node.Cli;

return await NodeCommands.RunAsync(args).ConfigureAwait(false);
