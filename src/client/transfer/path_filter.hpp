#pragma once
// --include / --exclude rules as ossutil 2 applies them (cli.md §4.6): rules are tried left to
// right and the first one that matches decides; when none matches, the path is included unless
// an include rule was given. Patterns are globs: `*` and `?` stop at '/', `**` crosses it,
// `[...]` is a class, `{a,b}` alternatives. A pattern starting with '/' is anchored at the root
// of the transfer; otherwise it matches the whole path or any tail of it that starts after a
// '/', so `*.txt` matches by name anywhere. Pure.
#include <string>
#include <string_view>
#include <vector>

namespace client::transfer {

struct FilterRule {
  bool include = true;
  std::string pattern;
};

class PathFilter {
public:
  PathFilter() = default;
  /// Rules in command-line order. Throws oss::Error(usage) for a malformed pattern (unclosed
  /// '[' or '{'), naming it.
  explicit PathFilter(std::vector<FilterRule> rules);
  /// path: relative, '/'-separated (a local path below the source dir, or a key below the prefix).
  bool allows(std::string_view path) const;
  bool empty() const { return m_rules.empty(); }

private:
  std::vector<FilterRule> m_rules;
  bool m_has_include = false;
};

/// Whole-string glob match with the rules above (exposed for tests).
bool glob_match(std::string_view pattern, std::string_view text);

} // namespace client::transfer
