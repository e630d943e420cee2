package import Foundation

/// Temporary folders for tests, all under one folder per test process (`$TMPDIR/opendata-tests-<pid>`), which
/// is removed when the process exits, so repeated test runs do not leave hundreds of folders behind.
package enum TestFolder {
    private static let root: URL = {
        let url = rootURL(pid: getpid())
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TestFolder.rootURL(pid: getpid())) }
        return url
    }()

    static func rootURL(pid: Int32) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("opendata-tests-\(pid)")
    }

    /// `name` inside this process's folder (not created; the process's folder is).
    package static func path(_ name: String) -> URL { root.appendingPathComponent(name) }
}
