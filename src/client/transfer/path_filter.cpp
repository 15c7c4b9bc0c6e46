#include "client/transfer/path_filter.hpp"

#include "oss/error.hpp"

#include <algorithm>

namespace client::transfer {
namespace {

// Index of the '}' or ']' that closes the group opening at `open`, or npos.
std::size_t closing(std::string_view p, std::size_t open, char close) {
  int depth = 0;
  for (std::size_t i = open; i < p.size(); ++i) {
    if (p[i] == '\\') {
      ++i;
      continue;
    }
    if (p[i] == p[open] && close == '}') ++depth;
    if (p[i] == close && (close != '}' || --depth == 0)) return i;
  }
  return std::string_view::npos;
}

std::vector<std::string_view> alternatives(std::string_view body) {
  std::vector<std::string_view> out;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '{')
      ++depth;
    else if (body[i] == '}')
      --depth;
    else if (body[i] == ',' && depth == 0) {
      out.push_back(body.substr(start, i - start));
      start = i + 1;
    }
  }
  out.push_back(body.substr(start));
  return out;
}

bool class_matches(std::string_view cls, char c) {
  bool negate = !cls.empty() && (cls[0] == '!' || cls[0] == '^');
  if (negate) cls.remove_prefix(1);
  bool hit = false;
  for (std::size_t i = 0; i < cls.size(); ++i) {
    if (i + 2 < cls.size() && cls[i + 1] == '-') {
      if (c >= cls[i] && c <= cls[i + 2]) hit = true;
      i += 2;
    } else if (cls[i] == c) {
      hit = true;
    }
  }
  return hit != negate && c != '/';
}

bool match(std::string_view p, std::string_view t) {
  while (!p.empty()) {
    const char c = p[0];
    if (c == '*') {
      const bool cross = p.size() > 1 && p[1] == '*';
      std::string_view rest = p.substr(cross ? 2 : 1);
      for (std::size_t i = 0; i <= t.size(); ++i) {
        if (match(rest, t.substr(i))) return true;
        if (i < t.size() && t[i] == '/' && !cross) return false;
      }
      return false;
    }
    if (c == '{' && closing(p, 0, '}') != std::string_view::npos) {
      const std::size_t end = closing(p, 0, '}');
      return std::ranges::any_of(alternatives(p.substr(1, end - 1)), [&](std::string_view alt) {
        return match(std::string(alt) + std::string(p.substr(end + 1)), t);
      });
    }
    if (t.empty()) return false;
    if (c == '?') {
      if (t[0] == '/') return false;
    } else if (c == '[' && closing(p, 0, ']') != std::string_view::npos) {
      const std::size_t end = closing(p, 0, ']');
      if (!class_matches(p.substr(1, end - 1), t[0])) return false;
      p = p.substr(end + 1);
      t = t.substr(1);
      continue;
    } else if (c == '\\' && p.size() > 1) {
      if (p[1] != t[0]) return false;
      p = p.substr(2);
      t = t.substr(1);
      continue;
    } else if (c != t[0]) {
      return false;
    }
    p = p.substr(1);
    t = t.substr(1);
  }
  return t.empty();
}

void check_pattern(const std::string& pattern) {
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\')
      ++i;
    else if ((pattern[i] == '[' && closing(pattern, i, ']') == std::string::npos) ||
             (pattern[i] == '{' && closing(pattern, i, '}') == std::string::npos))
      throw oss::usage_error("invalid filter pattern \"" + pattern + "\": unclosed '" +
                             std::string(1, pattern[i]) + "'");
  }
}

} // namespace

bool glob_match(std::string_view pattern, std::string_view text) { return match(pattern, text); }

PathFilter::PathFilter(std::vector<FilterRule> rules) : m_rules(std::move(rules)) {
  for (const auto& rule : m_rules) {
    check_pattern(rule.pattern);
    m_has_include = m_has_include || rule.include;
  }
}

bool PathFilter::allows(std::string_view path) const {
  for (const auto& rule : m_rules) {
    std::string_view pattern = rule.pattern;
    bool hit = false;
    if (pattern.starts_with('/')) {
      hit = match(pattern.substr(1), path);
    } else {
      // The whole path, or any tail starting after a '/'.
      hit = match(pattern, path);
      for (std::size_t i = 0; !hit && i < path.size(); ++i)
        if (path[i] == '/') hit = match(pattern, path.substr(i + 1));
    }
    if (hit) return rule.include;
  }
  return !m_has_include;
}

} // namespace client::transfer
