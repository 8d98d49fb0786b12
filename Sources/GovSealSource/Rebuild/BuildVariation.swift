#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One thing `rebuild --vary` changes between the control build and a varied build.
public enum BuildVariation: String, Sendable, CaseIterable, Hashable {
    /// The clock (libfaketime, preloaded): the control's starts at the run's start, this one 15 years later.
    case time
    /// A different, longer checkout path inside the sandbox.
    case buildPath = "build_path"
    /// umask 0077 instead of 0022.
    case umask
    /// `fr_FR.UTF-8` (another language and collation) instead of `C`.
    case locale
    /// `Etc/GMT-14` instead of `UTC`.
    case timezone
    /// Another host name.
    case hostname
    /// Another uid, gid and user name.
    case user
    /// Another home folder.
    case home
    /// One CPU (`taskset -c 0`) instead of all of them: what `nproc` reports.
    case numCPUs = "num_cpus"
    /// Directory entries returned in reverse order (disorderfs over the source folder).
    case fileOrder = "file_order"
    /// Extra, unrelated environment variables.
    case environment

    /// The variations named in `list` (comma-separated, each once, in order); names that are not
    /// variations are returned in `unknown` for the caller to refuse.
    public static func parse(_ list: String) -> (variations: [BuildVariation], unknown: [String]) {
        var variations: [BuildVariation] = []
        var unknown: [String] = []
        for name in list.split(separator: ",").map({ String($0).trimmingWhitespace() }) where !name.isEmpty {
            if let variation = BuildVariation(rawValue: name) {
                if !variations.contains(variation) { variations.append(variation) }
            } else {
                unknown.append(name)
            }
        }
        return (variations, unknown)
    }
}

/// Everything one build of `rebuild --vary` runs with; the control's values, changed by one variation.
struct VariedSetting {
    static let sandboxRoot = "/build"
    static let otherUser = (uid: UInt32(2345), gid: UInt32(2345), name: "govseal-vary")

    var sourceInside = sandboxRoot + "/src"
    var homeName = "home"
    var hostname = BuildSandbox.hostname
    var user: (uid: UInt32, gid: UInt32)?
    var userName = "govseal"
    var umask = "0022"
    var locale = "C"
    var timezone = "UTC"
    var fakeTime: String?
    var oneCPU = false
    var extraEnvironment: [String: String] = [:]
    var reverseDirectoryOrder = false

    /// The control, whose clock (when libfaketime is present) starts at `start` in every process.
    static func control(start: String?) -> VariedSetting {
        var setting = VariedSetting()
        setting.fakeTime = start
        return setting
    }

    /// This setting changed by `variation`.
    func applying(_ variation: BuildVariation, laterStart: String?) -> VariedSetting {
        var setting = self
        switch variation {
        case .time: setting.fakeTime = laterStart
        case .buildPath: setting.sourceInside = Self.sandboxRoot + "/a-different-and-much-longer-checkout-path/for-the-build-path-variation/src"
        case .umask: setting.umask = "0077"
        case .locale: setting.locale = "fr_FR.UTF-8"
        case .timezone: setting.timezone = "Etc/GMT-14"
        case .hostname: setting.hostname = "another-builder-host.example"
        case .user:
            setting.user = (Self.otherUser.uid, Self.otherUser.gid)
            setting.userName = Self.otherUser.name
        case .home: setting.homeName = "another-home-folder"
        case .numCPUs: setting.oneCPU = true
        case .fileOrder: setting.reverseDirectoryOrder = true
        case .environment:
            setting.extraEnvironment = ["GOVSEAL_VARY_UNRELATED": "an unrelated variable",
                                        "CAPTURE_ENVIRONMENT": "i_capture_the_environment"]
        }
        return setting
    }

    /// The build's environment. `faketime` is the preload library, `localeFolder` the generated locales.
    func environment(epoch: Int64, faketime: String?) -> [String: String] {
        var environment = [
            "PATH": Rebuilder.buildSearchPath, "HOME": Self.sandboxRoot + "/" + homeName, "TMPDIR": "/tmp",
            "LC_ALL": locale, "TZ": timezone, "SOURCE_DATE_EPOCH": String(epoch), "LOCPATH": Self.sandboxRoot + "/locale",
            "USER": userName, "LOGNAME": userName,
        ]
        if let faketime, let fakeTime {
            environment["LD_PRELOAD"] = faketime
            environment["FAKETIME"] = "@" + fakeTime
            environment["FAKETIME_DONT_FAKE_MONOTONIC"] = "1"
        }
        for (key, value) in extraEnvironment { environment[key] = value }
        return environment
    }

    /// The script run by `/bin/sh -c`: the umask, then the recipe.
    func script(_ command: String) -> String { "umask \(umask)\n" + command }
}

/// What a variation needs from this machine, and why it is unavailable when it is missing.
struct VariationTools {
    var faketime: String?
    var taskset: String?
    var disorderfs: String?
    var fusermount: String?
    var localeDefinition: String?
    var localedef: String?
    var cpus: Int

    static func find() -> VariationTools {
        let search = "/usr/bin:/bin:/usr/sbin:/sbin"
        let candidates: [String] = ["/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
                                    "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1", "/usr/lib/faketime/libfaketime.so.1"]
        let faketime = candidates.first { access($0, R_OK) == 0 }
        let cpus = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        let definition = "/usr/share/i18n/locales/fr_FR"
        return VariationTools(faketime: faketime, taskset: Subprocess.findExecutable("taskset", searchPath: search),
                              disorderfs: Subprocess.findExecutable("disorderfs", searchPath: search),
                              fusermount: Subprocess.findExecutable("fusermount3", searchPath: search)
                                  ?? Subprocess.findExecutable("fusermount", searchPath: search),
                              localeDefinition: access(definition, R_OK) == 0 ? definition : nil,
                              localedef: Subprocess.findExecutable("localedef", searchPath: search), cpus: max(1, cpus))
    }

    /// Why `variation` cannot run here, or nil when it can.
    func unavailability(of variation: BuildVariation) -> String? {
        switch variation {
        case .time:
            faketime == nil ? "libfaketime is not installed (Debian: faketime); statically linked tools would ignore it anyway" : nil
        case .locale:
            localedef == nil || localeDefinition == nil ? "localedef or the fr_FR locale definition is missing (Debian: locales)" : nil
        case .numCPUs:
            taskset == nil ? "taskset is not installed (Debian: util-linux)"
                : cpus < 2 ? "only one CPU is available, so one CPU is not a different count" : nil
        case .fileOrder:
            disorderfs == nil || fusermount == nil ? "disorderfs is not installed (Debian: disorderfs)"
                : access("/dev/fuse", R_OK | W_OK) != 0 ? "/dev/fuse is not usable here, so disorderfs cannot mount" : nil
        case .buildPath, .umask, .timezone, .hostname, .user, .home, .environment:
            nil
        }
    }
}
