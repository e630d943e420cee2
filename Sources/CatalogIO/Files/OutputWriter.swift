public import CatalogCore
public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes export files into an output folder.
///
/// Each file is written to a temporary name in the same folder and renamed into place, so a reader never
/// sees a half-written file. A file whose bytes are unchanged is not rewritten (its mtime stays), so web
/// servers' Last-Modified and rsync-based mirrors only see real changes.
package enum OutputWriter {
    package struct Result: Sendable {
        package var written: [String]
        package var unchanged: [String]
    }

    package static func write(_ files: [ExportFile], to directory: URL) throws -> Result {
        let fm = FileManager.default
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        var result = Result(written: [], unchanged: [])
        for file in files {
            let target = directory.appendingPathComponent(file.name)
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            if let existing = fm.contents(atPath: target.path), existing.elementsEqual(file.bytes) {
                result.unchanged.append(file.name)
                continue
            }
            let temp = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).tmp-\(getpid())")
            let data = Data(file.bytes)
            try data.write(to: temp)
            // rename(2) replaces the target atomically within one file system.
            guard rename(temp.path, target.path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? fm.removeItem(at: temp)
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path, NSLocalizedDescriptionKey: "cannot write \(target.path): \(reason)"])
            }
            result.written.append(file.name)
        }
        return result
    }
}
