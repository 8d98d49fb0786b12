import ArgumentParser

/// The `govseal` command: build, sign, verify and export governance proposal documents.
public struct GovSealCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "govseal",
        abstract: "Sign, verify and rebuild on-chain governance proposals by checksum and commit.",
        version: GovSealVersion.string,
        subcommands: [
            HashCommand.self,
            KeygenCommand.self,
            KeyCommand.self,
            TreeHashCommand.self,
            NewCommand.self,
            SignCommand.self,
            WalletTextCommand.self,
            VerifyCommand.self,
            NominateCommand.self,
            GroupCommand.self,
            RevealCommand.self,
            RebuildCommand.self,
            AttestCommand.self,
            ExportCommand.self,
            StatusCommand.self,
            DemoCommand.self,
        ]
    )

    public init() {}
}

public enum GovSealVersion {
    public static let string = "0.1.0"
}
