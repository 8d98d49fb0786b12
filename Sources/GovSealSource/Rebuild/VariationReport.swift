/// One build of `rebuild --vary`: a control or one variation.
public struct VariedBuild: Sendable {
    /// `control-1`, `control-2` or the variation's name.
    public let name: String
    /// The variation; nil for a control.
    public let variation: BuildVariation?
    /// The build's exit status; nil when a signal ended it (or it could not start).
    public let exitStatus: Int32?
    /// True when it ran past its time limit and was killed.
    public let timedOut: Bool
    /// How long the build command ran.
    public let durationSeconds: Double
    /// The last lines of its output (with govseal's note when it could not run).
    public let logTail: String

    /// True when it exited 0 within its time limit.
    public var succeeded: Bool { exitStatus == 0 && !timedOut }
}

/// What one variation did to one artifact.
public struct VariationEffect: Sendable {
    /// The variation.
    public let variation: BuildVariation
    /// What differs from the first control build (empty when the output is missing: see `missing`).
    public let differences: [MemberDifference]
    /// Why there is no output to compare (the build failed, the output is absent or refused); nil when there is one.
    public let missing: String?
}

/// Whether one artifact is reproducible, and what changes it.
public struct ArtifactReproducibility: Sendable {
    /// The artifact's name in the blessing.
    public let name: String
    /// The declared output path.
    public let outputPath: String
    /// SHA-256 of the first control build's output; nil when the control did not produce it.
    public let controlSHA256: String?
    /// Whether the control output has the blessing's size and digests.
    public let matchesBlessing: Bool
    /// Why a control build has no output to compare; nil when both have one.
    public let controlMissing: String?
    /// What differs between the two control builds (no variation explains it: e.g. randomness).
    public let controlDifferences: [MemberDifference]
    /// The variations that change it, with what they change.
    public let variesWith: [VariationEffect]

    /// True when the controls agree with each other and every variation gave the same output.
    public var reproducible: Bool { controlMissing == nil && controlDifferences.isEmpty && variesWith.isEmpty }
    /// True when two control builds differ.
    public var nonDeterministic: Bool { !controlDifferences.isEmpty }
}

/// A variation that was selected but cannot run on this machine.
public struct UnavailableVariation: Sendable {
    /// The variation.
    public let variation: BuildVariation
    /// Why (the missing tool or device).
    public let reason: String
}

/// Everything `rebuild --vary` found.
public struct VariationReport: Sendable {
    /// The full commit id that was built.
    public let commit: String
    /// Its tree id.
    public let tree: String
    /// The build command.
    public let command: String
    /// The variations asked for, in order.
    public let selected: [BuildVariation]
    /// Those that could not run here (the check is then incomplete: not reproducible).
    public let unavailable: [UnavailableVariation]
    /// Every build, the two controls first.
    public let builds: [VariedBuild]
    /// One entry per declared artifact, in declaration order.
    public let artifacts: [ArtifactReproducibility]
    /// How many builds ran at once.
    public let parallelism: Int
    /// Wall time of the whole check.
    public let wallSeconds: Double
    /// The temporary folder, when kept.
    public let workDirectory: String?

    /// True only when every selected variation ran, every build succeeded, at least one artifact
    /// was declared and every artifact is reproducible under every variation.
    public var allReproducible: Bool {
        unavailable.isEmpty && builds.allSatisfy(\.succeeded) && !artifacts.isEmpty && artifacts.allSatisfy(\.reproducible)
    }
}
