@testable import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

/// The site reads every distribution's URL for its file name and whether it may be linked; plain URLs take a
/// byte path (`SiteFileTitle.plainPath`, `SiteHTML.isLinkablePrintableASCII`) that must agree with
/// `URLComponents` and with the scalar-wise check, on every URL of the demo dumps and on random URLs built from
/// the pieces that matter.
@Suite struct SiteURLFastPathTests {
    static let urls: [String] = {
        let schemes = ["http://", "https://", "HTTP://", "Https://", "ftp://", "mailto:", "", "http:/", "javascript:"]
        let hosts = [
            "daten.aachen.de", "www.offenedaten.aachen.de", "-x.de", ".x", "user@host.de", "u:p@h.de", "host:8080", "host:", "host:80x",
            "host:123456", "[::1]", "münchen.de", "a_b.de", "", "%20https", "1.2.3.4", "x", "h.de:0", "a..b.de", "host.de.", "host-",
            "HOST.DE", "h.de:65536", "h.de:080",
        ]
        let paths = [
            "", "/", "/a.csv", "/dir/file.CSV", "/x%20y.csv", "/a.b.c", "?q=1", "#frag", "#a#b", "/p(1).zip", "/~u/x.json",
            "/a'b.csv", "/a b.csv", "/ä.csv", "/a.html", "/a.tar.gz", "?x=/a.csv", "/index.php?file=a.csv", "/[x].csv",
            "/a|b.csv", "/a;v=1/b.xlsx", "/@x/y.geojson", "/a:b.zip", "/%zz.csv", "/a.csv#x?y", "//double/slash.csv", "/.hidden",
            "/2e44c1a0-52b1-4d3f-9b1a-0c6d5e4f3a21.csv", "/a!$&*+,=.txt", "\t", " ", "/a\"b.csv", "/a<b>.csv", "/a^b`c{d}.csv",
        ]
        var state: UInt64 = 31
        func pick(_ list: [String]) -> String {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return list[Int(truncatingIfNeeded: state >> 33) % list.count]
        }
        var out = (0..<30_000).map { _ in pick(schemes) + pick(hosts) + pick(paths) + pick(["", "", pick(paths)]) }
        for file in ["berlin-2014-12.json", "govdata-hamburg-2020.json", "koeln-2014-11.json", "koeln-2015-01.json"] {
            if let data = try? Data(contentsOf: Fixtures.catalog("demo/" + file)), let json = JSONValue.parse(data) {
                func walk(_ v: JSONValue) {
                    switch v {
                    case .string(let s) where s.lowercased().hasPrefix("http") || s.hasPrefix("mailto"): out.append(s)
                    case .array(let a): a.forEach(walk)
                    case .object(let o): o.values.forEach(walk)
                    default: break
                    }
                }
                walk(json)
            }
        }
        return out
    }()

    @Test func plainPathIsURLComponentsPath() {
        var plain = 0
        for url in Self.urls {
            guard let path = SiteFileTitle.plainPath(url) else { continue }
            plain += 1
            let components = URLComponents(string: url.trimmedBlanks())
            #expect(components?.percentEncodedPath == path, "\(url.debugDescription)")
        }
        #expect(plain > Self.urls.count / 10)
    }

    @Test func linkableOnBytesIsLinkableScalarwise() {
        var bytes = 0
        for url in Self.urls {
            if let answer = url.utf8.withContiguousStorageIfAvailable(SiteHTML.isLinkablePrintableASCII), answer != nil { bytes += 1 }
            #expect(SiteHTML.isLinkable(url) == SiteHTML.isLinkableScalarwise(url), "\(url.debugDescription)")
        }
        #expect(bytes > Self.urls.count / 2)
    }
}
