// CKAN resources → DCAT-AP.de distributions (the mapper's last step): URLs, format and media type, size,
// licence (inherited from the dataset when the resource has none), dates; a resource without a usable URL is a
// finding, never silently dropped.

import Foundation

extension CKANMapper {
    /// The record's resources as distributions, in source order; a repeated resource id gets a suffix.
    func addDistributions(_ ds: inout Dataset, _ pkg: CKANPackage, source: SourceConfig, portal: String?, ctx: inout Context) {
        let uri = ds.uri, datasetLicence = ds.licence ?? licences.resolve(nil)  // describe() set it
        if pkg.resourceCount > pkg.resources.count {
            ctx.add(.warning, field: "resources", .ckanDistributionMalformed, [String(pkg.resourceCount - pkg.resources.count)])
        }
        var distributionURIs = Set<String>()
        // Room for every resource at once: grown by doubling, the list kept up to half of its room empty for the
        // whole run (the model holds every dataset's distributions until the last output is written).
        ds.distributions.reserveCapacity(ds.distributions.count + pkg.resources.count)
        for (i, res) in pkg.resources.enumerated() {
            if var d = distribution(res, index: i, datasetURI: uri, portal: portal, datasetLicence: datasetLicence, source: source, ctx: &ctx) {
                if !distributionURIs.insert(d.uri).inserted {
                    d.uri += "-\(i + 1)"
                    distributionURIs.insert(d.uri)
                    ctx.add(.warning, field: "resources[\(i)].id", .ckanDistributionDuplicateID, [res.text("id") ?? "", d.uri])
                }
                ds.distributions.append(d)
            }
        }
        if ds.distributions.isEmpty, !ds.isSeries {  // a series has its files on its members
            ctx.add(.warning, field: "resources", .ckanDistributionNone, [])
        }
    }

    func distribution(
        _ res: CKANResource, index i: Int, datasetURI: String, portal: String?, datasetLicence: Licence, source: SourceConfig, ctx: inout Context
    ) -> Distribution? {
        let label = res.text("name") ?? res.text("id") ?? "#\(i + 1)"
        let accessRaw = res.text("access_url") ?? res.text("url")
        let downloadRaw = res.text("download_url")
        noteSpacedURLs(res, index: i, label: label, ctx: &ctx)
        let access = accessRaw.flatMap { repairedURL($0, base: portal, field: "resources[\(i)].url", subject: "Resource '\(label)'", ctx: &ctx) }
        let download = downloadRaw.flatMap { repairedURL($0, base: portal, field: "resources[\(i)].download_url", subject: "Resource '\(label)'", ctx: &ctx) }
        guard let accessURL = access ?? download else {
            ctx.add(.warning, field: "resources[\(i)].url", .ckanDistributionNoURL, [label, accessRaw ?? ""])
            return nil
        }
        if let a = accessRaw, access == nil {
            ctx.add(.note, field: "resources[\(i)].url", .ckanAccessURLUnusable, [label, a])
        }
        if let encoded = access, let a = accessRaw?.trimmedSpace(), encoded != a, !a.hasPrefix("/"), a.contains("://") {
            ctx.add(.note, field: "resources[\(i)].url", .ckanURLEncoded, [label])
        }
        let resID = res.text("id").map(IRISafe.segment) ?? String(i + 1)
        var d = Distribution(uri: .concatenating(datasetURI, "/distribution/", resID), accessURL: accessURL, downloadURL: download)
        d.title = res.text("name").map { PlainText.fromHTML($0) }
        d.description = res.text("description").map(PlainText.fromHTML).flatMap { $0.isEmpty ? nil : $0 }

        // Format → EU file type + media type.
        let rawFormat = res.text("format")
        d.rawFormat = rawFormat
        let rawMime = res.text("mimetype")
        if let f = rawFormat {
            if let code = vocabularies.fileType(for: f) {
                d.format = code
            } else {
                ctx.add(.note, field: "resources[\(i)].format", .ckanFormatUnmapped, [label, f])
            }
        }
        if d.format == nil, let m = rawMime { d.format = vocabularies.fileType(for: m) }
        d.mediaType = rawMime.flatMap(MediaType.normalise) ?? rawFormat.flatMap(MediaType.normalise) ?? d.format.flatMap { vocabularies.mediaTypes[$0] }

        // Size: a non-negative integer only (Köln gives "12.5 KB", GovData -1 for unknown).
        if let sizeValue = res.fields["size"], sizeValue != .null, let s = sizeValue.text {
            if case .number(let x) = sizeValue, x >= 0, x.rounded() == x, x < 9e18 {
                d.byteSize = Int(x)
            } else if let parsed = CKANSize.parse(s) {
                d.byteSize = parsed.bytes
                if parsed.approximate {
                    ctx.add(.note, field: "resources[\(i)].size", .sizeApproximate, [label, s, String(parsed.bytes)])
                }
            } else {
                ctx.add(.note, field: "resources[\(i)].size", .ckanSizeInvalid, [label, s])
            }
        }

        // Licence: GovData per-resource `license` URI, else the dataset's (inherited).
        if let own = resolveLicence(resourceLicenceCandidates(res, index: i), source: source, ctx: &ctx) {
            d.licence = own
        } else {
            d.licence = datasetLicence
            d.licenceInherited = true
        }
        d.attributionText = res.text("licenseAttributionByText")
        d.rights = res.text("rights")
        d.issued = resourceDate(res, ["issued", "created"], index: i, ctx: &ctx)
        d.modified = resourceDate(res, ["modified", "last_modified"], index: i, ctx: &ctx)
        d.languages = languages(res.fields["language"]?.texts ?? [], field: "resources[\(i)].language", ctx: &ctx)
        d.conformsTo = conformsTo(res.fields["conforms_to"]?.texts ?? [], field: "resources[\(i)].conforms_to", ctx: &ctx)
        return d
    }
}
