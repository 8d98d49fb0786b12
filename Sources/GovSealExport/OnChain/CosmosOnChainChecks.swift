import GovSealChains
import GovSealDocuments
import GovSealEncoding

/// The bindings of a Cosmos SDK software upgrade as the chain holds it, against the blessing:
/// - `onchain message`: every message is a `MsgSoftwareUpgrade` (anything else would run too,
///   and govseal cannot compare it), and there is exactly one;
/// - `onchain authority`: the gov module account of the blessing's chain;
/// - `onchain plan.name`, `onchain plan.height`: equal to `--plan-name` / `--height` when given
///   (shown, not compared, otherwise);
/// - `onchain plan.info`: readable as cosmovisor reads it (`CosmovisorReader`);
/// - `onchain binary PLATFORM`, one per platform: go-getter would check the download against a
///   SHA-256 (`CosmovisorReader.checksum(ofURL:)`) that is the blessed digest of the artifact of
///   that platform (`--platform`, as `export cosmos` takes it; without any, the artifact of the
///   same digest). A missing or different checksum, or a platform the blessing does not have,
///   fails; so does a platform given with `--platform` that the proposal lacks.
enum CosmosOnChainChecks {
    static func run(_ messages: [OnChainProposal.CosmosMessage], blessing: Blessing,
                    options: OnChainComparison.Options) -> [Check] {
        var checks: [Check] = []
        for message in messages where message.upgrade == nil {
            checks.append(Check("onchain message", passed: false,
                                "\(message.path) is a \(OnChainText.excerpt(message.type)): the chain would execute it too, and govseal cannot compare it with the blessing"))
        }
        let upgrades = messages.compactMap { message in message.upgrade.map { (message.path, $0) } }
        guard upgrades.count == 1, let (path, upgrade) = upgrades.first else {
            checks.append(Check("onchain message", passed: false,
                                "the proposal holds \(upgrades.count) \(CosmosProposal.softwareUpgradeType) messages; exactly one is compared"))
            return checks
        }
        if checks.isEmpty {
            checks.append(Check("onchain message", passed: true, "\(path) is the only message: a \(CosmosProposal.softwareUpgradeType)"))
        }
        checks.append(authority(upgrade.authority, chain: blessing.chain, override: options.bech32Prefix))
        checks.append(expected("onchain plan.name", found: upgrade.planName, expected: options.planName, option: "--plan-name"))
        checks.append(expected("onchain plan.height", found: String(upgrade.planHeight), expected: options.height.map(String.init),
                               option: "--height"))
        checks += binaries(upgrade.info, blessing: blessing, platforms: options.platforms)
        return checks
    }

    static func authority(_ found: String, chain: String, override: String?) -> Check {
        let expected: String
        do {
            let prefix = try Cosmos.bech32Prefix(chainID: String(chain.dropFirst("cosmos:".count)), override: override)
            expected = try Cosmos.moduleAddress("gov", prefix: prefix)
        } catch {
            return Check("onchain authority", passed: false, "'\(OnChainText.excerpt(found))' cannot be checked: \(error)")
        }
        return Check("onchain authority", passed: found == expected,
                     found == expected ? "\(found), the gov module account of \(chain)"
                         : "'\(OnChainText.excerpt(found))' is not the gov module account of \(chain) (\(expected))")
    }

    static func expected(_ name: String, found: String, expected: String?, option: String) -> Check {
        guard let expected else {
            return Check(name, passed: true, "'\(OnChainText.excerpt(found))' (shown, not compared: pass \(option) to compare)")
        }
        return Check(name, passed: found == expected,
                     found == expected ? "'\(found)', as given" : "'\(OnChainText.excerpt(found))', not the '\(expected)' given with \(option)")
    }

    static func binaries(_ info: String, blessing: Blessing, platforms: [(artifact: String, platform: String)]) -> [Check] {
        guard !info.isEmpty else {
            return [Check("onchain plan.info", passed: false,
                          "empty: the proposal names no binaries, so nothing the chain holds binds the blessed artifacts")]
        }
        let entries: [(platform: String, url: String)]
        do {
            entries = try CosmovisorReader.binaries(ofInfo: info)
        } catch let error as ExportError {
            return [Check("onchain plan.info", passed: false,
                          "\(error.description) (read as cosmovisor reads it: '\(OnChainText.excerpt(info))')")]
        } catch {
            return [Check("onchain plan.info", passed: false, "\(error)")]
        }
        var checks = [Check("onchain plan.info", passed: !entries.isEmpty,
                            entries.isEmpty ? "no binaries: cosmovisor would download nothing govseal can compare"
                                : "\(entries.count) binaries, read as cosmovisor reads them")]
        for (platform, url) in entries {
            checks.append(binary(platform: platform, url: url, blessing: blessing, platforms: platforms))
        }
        for (artifact, platform) in platforms where !entries.contains(where: { $0.platform == platform }) {
            checks.append(Check("onchain binary \(platform)", passed: false,
                                "the blessing's '\(artifact)' is for \(platform), and the proposal has no binary for it"))
        }
        return checks
    }

    static func binary(platform: String, url: String, blessing: Blessing, platforms: [(artifact: String, platform: String)]) -> Check {
        let name = "onchain binary \(OnChainText.excerpt(platform, limit: 40))"
        let shown = "'\(OnChainText.excerpt(url))'"
        guard let checksum = CosmovisorReader.checksum(ofURL: url) else {
            return Check(name, passed: false, "\(shown): go-getter would download it without a checksum (no usable checksum parameter)")
        }
        let found = "\(checksum.type):\(Hex.encode(checksum.digest))"
        guard checksum.type == "sha256" else {
            return Check(name, passed: false, "\(shown): go-getter would check \(found), not a blessed SHA-256")
        }
        let artifact: Blessing.Artifact
        if platforms.isEmpty {
            guard let byDigest = blessing.artifacts.first(where: { (try? Hex.decode($0.sha256)) == checksum.digest }) else {
                return Check(name, passed: false, "\(shown): go-getter would check \(found), the digest of no blessed artifact")
            }
            artifact = byDigest
        } else {
            guard let mapped = platforms.first(where: { $0.platform == platform }),
                  let named = blessing.artifacts.first(where: { $0.name == mapped.artifact }) else {
                return Check(name, passed: false, "\(shown): a platform the blessing does not have (no --platform names an artifact for it)")
            }
            artifact = named
        }
        guard (try? Hex.decode(artifact.sha256)) == checksum.digest else {
            return Check(name, passed: false, "\(shown): go-getter would check \(found), not the blessed sha256:\(artifact.sha256) of '\(artifact.name)'")
        }
        return Check(name, passed: true, "checked against the blessed sha256:\(artifact.sha256) of '\(artifact.name)'"
                     + (platforms.isEmpty ? " (matched by digest; pass --platform to bind platforms)" : ""))
    }
}
