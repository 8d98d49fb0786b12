import GovSealCLI

GovSealCommand.runMain()
