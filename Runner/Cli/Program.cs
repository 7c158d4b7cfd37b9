using RlFramework.Runner.Cli;

return RlCommand.Create().Parse(args).Invoke();
