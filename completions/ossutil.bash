# bash completion for ossutil (ossutil-cpp)
# Install: source this file, or copy it to /usr/share/bash-completion/completions/ossutil

# Local file names, with or without the bash-completion package.
_ossutil_files() {
    if declare -F _filedir >/dev/null; then
        _filedir
    else
        COMPREPLY+=($(compgen -f -- "$cur"))
    fi
}

_ossutil() {
    local cur prev words cword
    if declare -F _init_completion >/dev/null; then
        _init_completion -n = || return
    else
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
        cur="${COMP_WORDS[COMP_CWORD]}"
        prev="${COMP_WORDS[COMP_CWORD - 1]}"
    fi

    local global_flags="-i --access-key-id -k --access-key-secret -t --sts-token -e --endpoint
        --region -c --config-file --profile --sign-version --addressing-style --output-format
        --loglevel --log-file --retry-times --connect-timeout --read-timeout --skip-verify-cert
        --ignore-env-var -n --dry-run -q --quiet -h --help"
    local commands="cp stat ls mb rb rm api version"
    local api_ops="put-bucket-encryption get-bucket-encryption delete-bucket-encryption"

    # Values of flags that take one.
    case "$prev" in
        --sign-version) COMPREPLY=($(compgen -W "v1 v4" -- "$cur")); return ;;
        --addressing-style) COMPREPLY=($(compgen -W "virtual path cname" -- "$cur")); return ;;
        --output-format) COMPREPLY=($(compgen -W "raw json" -- "$cur")); return ;;
        --loglevel) COMPREPLY=($(compgen -W "off info debug" -- "$cur")); return ;;
        --acl)
            COMPREPLY=($(compgen -W "private public-read public-read-write default" -- "$cur"))
            return ;;
        --storage-class)
            COMPREPLY=($(compgen -W "Standard IA Archive ColdArchive DeepColdArchive" -- "$cur"))
            return ;;
        --redundancy-type) COMPREPLY=($(compgen -W "LRS ZRS" -- "$cur")); return ;;
        -c|--config-file|--log-file) _ossutil_files; return ;;
        --checkpoint-dir|--output-dir)
            if declare -F _filedir >/dev/null; then _filedir -d; else COMPREPLY=($(compgen -d -- "$cur")); fi
            return ;;
        --bigfile-threshold|--part-size) COMPREPLY=($(compgen -W "100K 8M 100M 1G" -- "$cur")); return ;;
        -i|--access-key-id|-k|--access-key-secret|-t|--sts-token|-e|--endpoint|--region|\
        --profile|--retry-times|--connect-timeout|--read-timeout|--metadata|--content-type|\
        --cache-control|--content-disposition|--content-encoding|--expires|--bucket|\
        --limited-num|--parallel|-j|--job|--include|--exclude)
            return ;;
        --server-side-encryption-rule)
            COMPREPLY=($(compgen -W "file:// -" -- "$cur")); compopt -o nospace; return ;;
    esac

    # Find the command (and the api operation).
    local i command="" op=""
    for ((i = 1; i < cword; i++)); do
        case "${words[i]}" in
            -*) ;;
            *)
                if [[ -z "$command" ]]; then command="${words[i]}"
                elif [[ "$command" == api && -z "$op" ]]; then op="${words[i]}"
                fi ;;
        esac
    done

    if [[ -z "$command" ]]; then
        if [[ "$cur" == -* ]]; then
            COMPREPLY=($(compgen -W "$global_flags --version" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        fi
        return
    fi

    local flags=""
    case "$command" in
        cp) flags="-r --recursive -f --force --no-progress --metadata --content-type
                --cache-control --content-disposition --content-encoding --expires --acl
                --storage-class --bigfile-threshold --part-size --parallel -j --job
                --checkpoint-dir --include --exclude -u --update --size-only --ignore-existing
                --output-dir --no-error-report" ;;
        ls) flags="-s --short-format --limited-num" ;;
        mb) flags="--acl --storage-class --redundancy-type" ;;
        rb) flags="-f --force" ;;
        rm) flags="-r --recursive -f --force --include --exclude" ;;
        api)
            if [[ -z "$op" ]]; then
                COMPREPLY=($(compgen -W "$api_ops" -- "$cur"))
                return
            fi
            flags="--bucket"
            [[ "$op" == put-bucket-encryption ]] && flags="$flags --server-side-encryption-rule" ;;
    esac

    if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "$flags $global_flags" -- "$cur"))
    elif [[ "$cur" == oss://* ]]; then
        return
    elif [[ "$command" == cp ]]; then
        _ossutil_files
        COMPREPLY+=($(compgen -W "oss://" -- "$cur"))
    else
        COMPREPLY=($(compgen -W "oss://" -- "$cur"))
        compopt -o nospace
    fi
} &&
    complete -F _ossutil ossutil
