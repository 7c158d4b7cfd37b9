using RlFramework.Runner.Cli;

return RlCommand.Run(args);
