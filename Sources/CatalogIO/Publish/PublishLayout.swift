package import Foundation

/// Where one output's snapshots live and which symlink is switched to publish one. Both run modes use the
/// same publisher; they differ only in this layout:
///
/// ```
/// nightly (--state / --nightly):          plain (`opendata run --out public`):
/// <out>/snapshots/<job>/                   public.snapshots/snapshots/<n>/
/// <out>/current -> snapshots/<job>         public -> public.snapshots/snapshots/<n>
/// <out>/.opendata.lock                     public.snapshots/.opendata.lock
/// ```
///
/// The plain layout keeps `public/` readable as a folder (it is a symlink to the live snapshot), so
/// `opendata serve`, the check scripts and anything reading `public/catalog.ttl` work unchanged.
package struct PublishLayout: Sendable, Hashable {
    /// Holds `snapshots/` and the lock file.
    package var root: URL
    /// The symlink that is switched atomically.
    package var link: URL
    /// The link's target up to the snapshot id, relative to the link's folder.
    package var linkPrefix: String

    package var snapshots: URL { root.appendingPathComponent("snapshots") }
    package var lockFile: URL { root.appendingPathComponent(".opendata.lock") }

    /// `<out>/snapshots/<id>` with `<out>/current`.
    package static func nightly(_ out: URL) -> PublishLayout {
        PublishLayout(root: out, link: out.appendingPathComponent("current"), linkPrefix: "snapshots")
    }

    /// `<out>.snapshots/snapshots/<id>` with `<out>` itself the link.
    package static func plain(_ out: URL) -> PublishLayout {
        let name = out.standardizedFileURL.lastPathComponent
        let root = out.standardizedFileURL.deletingLastPathComponent().appendingPathComponent("\(name).snapshots")
        return PublishLayout(root: root, link: out, linkPrefix: "\(name).snapshots/snapshots")
    }

    /// The layout an existing output uses (for `opendata publish`): plain when `<out>.snapshots` exists and
    /// `<out>` is not a nightly folder, nightly otherwise.
    package static func detect(_ out: URL) -> PublishLayout {
        let plain = plain(out)
        if isNightlyRoot(out) { return nightly(out) }
        return FileManager.default.fileExists(atPath: plain.snapshots.path) ? plain : nightly(out)
    }

    /// A real folder holding `snapshots/` (and usually `current`): written by nightly mode.
    package static func isNightlyRoot(_ out: URL) -> Bool {
        var isDirectory: ObjCBool = false
        guard !isSymlink(out), FileManager.default.fileExists(atPath: out.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return false
        }
        return FileManager.default.fileExists(atPath: out.appendingPathComponent("snapshots").path)
            || isSymlink(out.appendingPathComponent("current"))
    }

    static func isSymlink(_ url: URL) -> Bool {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil
    }
}
