# Minimal JSON writer with full double precision (jsonlite's digits = NA keeps only 15
# significant digits). Named lists become objects, unnamed lists and vectors of length != 1
# become arrays; NA/NaN become null, ±Inf the strings "Inf"/"-Inf".
json_value <- function(x) {
  if (is.null(x)) return("null")
  if (is.list(x)) {
    if (!is.null(names(x))) {
      parts <- mapply(function(k, v) paste0('"', k, '":', json_value(v)), names(x), x)
      return(paste0("{", paste(parts, collapse = ","), "}"))
    }
    return(paste0("[", paste(vapply(x, json_value, ""), collapse = ","), "]"))
  }
  one <- function(v) {
    if (is.character(v)) return(if (is.na(v)) "null" else paste0('"', gsub('"', '\\\\"', v), '"'))
    if (is.logical(v)) return(if (is.na(v)) "null" else if (v) "true" else "false")
    if (is.na(v)) return("null")
    if (is.infinite(v)) return(if (v > 0) '"Inf"' else '"-Inf"')
    sprintf("%.17g", v)
  }
  vals <- vapply(as.list(x), one, "")
  if (length(x) == 1 && is.null(attr(x, "array"))) vals else paste0("[", paste(vals, collapse = ","), "]")
}
# Force a JSON array even for length-1 vectors.
as_array <- function(x) structure(x, array = TRUE)
write_json_file <- function(x, path) {
  writeLines(json_value(x), path)
  cat("wrote", path, "\n")
}
versions <- function(pkgs) {
  c(list(R = paste(R.version$major, R.version$minor, sep = ".")),
    setNames(lapply(pkgs, function(p) as.character(packageVersion(p))), pkgs))
}
