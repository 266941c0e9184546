# bash completion for gotypedb(1).  Self-contained: it does not need the
# bash-completion package (which Debian does not install by default), so
# it reassembles words and completes file names itself.
# Installed by `make install` as
# $(PREFIX)/share/bash-completion/completions/gotypedb; to try it from the
# source tree: source completion/gotypedb.bash

# The options of each command, as its --help lists them (merge's from its
# man page until the command is in the binary).
_gotypedb_options() {
	case $1 in
	index) echo '-d --db -j --jobs --force --no-progress --wait -h --help' ;;
	query) echo '-d --db --format -f --file -o --output -h --help' ;;
	report) echo '-d --db -c --config --check --param --format -o --output -h --help' ;;
	diff) echo '-c --config --check --param --format -o --output -h --help' ;;
	merge) echo '-d --db --wait -h --help' ;;
	schema) echo '-h --help' ;;
	esac
}

# The bundled @NAME queries are asked of the gotypedb being completed (the
# first word), so that the list is the one compiled into that binary: its
# `query --help` ends with "bundled queries: @a @b ...".
_gotypedb_bundled() {
	local cmd=$1 last
	case $cmd in
	\~/*) cmd=$HOME/${cmd#\~/} ;;
	esac
	command -v -- "$cmd" >/dev/null 2>&1 || cmd=gotypedb
	last=$("$cmd" query --help 2>/dev/null | tail -n 1) || return 0
	case $last in
	'bundled queries:'*) echo "${last#bundled queries:}" ;;
	esac
}

# COMPREPLY+=(the words of $1 that start with $2), one per line of compgen
_gotypedb_add() {
	local w
	while IFS= read -r w; do
		[ -n "$w" ] && COMPREPLY+=("$w")
	done < <(compgen -W "$1" -- "$2")
}

# Files (and directories, to walk into) that start with $1; with $2 = db,
# only *.db files.  compopt -o filenames has readline quote them and add
# the / of a directory.
_gotypedb_files() {
	local w
	compopt -o filenames 2>/dev/null
	if [ "${2-}" = db ]; then
		while IFS= read -r w; do COMPREPLY+=("$w"); done < <(compgen -d -- "$1")
		while IFS= read -r w; do
			[ -d "$w" ] || COMPREPLY+=("$w")
		done < <(compgen -f -X '!*.db' -- "$1")
	else
		while IFS= read -r w; do COMPREPLY+=("$w"); done < <(compgen -f -- "$1")
	fi
}

_gotypedb() {
	COMPREPLY=()
	# bash splits COMP_WORDS at the characters of COMP_WORDBREAKS too:
	# `--format=m` arrives as (--format = m) and `@su` as (@ su).  The words
	# are glued back together where no blank separates them in the line,
	# so that the options and @NAMEs are matched whole.
	local breaks=${COMP_WORDBREAKS-$' \t\n"\'@><=;|&(:'}
	breaks=${breaks//[[:space:]]/}
	local line=${COMP_LINE-} i w blank prev_break=0
	local -a words=()
	local cword=-1
	for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
		w=${COMP_WORDS[i]}
		# (the words are found in the line in order: a blank before this one
		# separates it whatever it holds; without COMP_LINE none is seen)
		blank=0
		if [ -n "$line" ]; then
			local rest=${line#"${line%%[![:space:]]*}"}
			[ "$rest" != "$line" ] && blank=1
			line=${rest#"$w"}
		fi
		# A word of break characters joins the one before it, the word after
		# one joins it; @ and $ only ever start a word (`@summary`).
		if ((i > 1 && !blank)) && [ -n "$w" ] &&
			{ ((prev_break)) || [[ -z ${w//[$breaks]/} && $w != [@\$]* ]]; }; then
			words[-1]+=$w
		else
			words+=("$w")
		fi
		prev_break=0
		[[ -n $w && -z ${w//[$breaks]/} ]] && prev_break=1
		((i == COMP_CWORD)) && cword=$((${#words[@]} - 1))
	done
	# (the cursor after the last word, past a blank: a new empty word)
	if ((cword < 0)); then
		words+=("")
		cword=$((${#words[@]} - 1))
	fi
	local cur=${words[cword]}

	# Readline replaces only the end of the word, from its last break
	# character: after it, or from it for @ and $ (bash's special prefixes,
	# left in the text).  What comes before is cut from every match.
	local keep=${cur%[$breaks]*}
	if [ "$keep" = "$cur" ]; then
		keep=
	else
		local bc=${cur:${#keep}:1}
		case $bc in
		@ | \$) ;;
		*) keep+=$bc ;;
		esac
	fi

	local sub=
	((cword > 1)) && sub=${words[1]}
	local prev=
	((cword > 0)) && prev=${words[cword - 1]}

	if ((cword == 1)); then
		case $cur in
		-*) _gotypedb_add '--help --version' "$cur" ;;
		*) _gotypedb_add 'index query report diff merge schema' "$cur" ;;
		esac
		return 0
	fi

	# the value of an option: --opt=VALUE in one word, or after --opt
	local opt= val=$cur
	case $cur in
	--*=*) opt=${cur%%=*} val=${cur#*=} ;;
	*) case $prev in -*) opt=$prev ;; esac ;;
	esac
	local vkeep=${cur%"$val"}
	case $opt in
	--format)
		_gotypedb_add 'table csv json markdown html' "$val"
		;;
	-d | --db | -c | --config | -o | --output | -f | --file)
		_gotypedb_files "$val"
		;;
	-j | --jobs | --wait | --param)
		# a number or NAME=VALUE: nothing to offer
		;;
	*) opt= ;;
	esac
	if [ -n "$opt" ]; then
		for i in "${!COMPREPLY[@]}"; do
			w=$vkeep${COMPREPLY[i]}
			COMPREPLY[i]=${w#"$keep"}
		done
		return 0
	fi

	case $cur in
	-*)
		_gotypedb_add "$(_gotypedb_options "$sub")" "$cur"
		return 0
		;;
	esac
	case $sub in
	index) _gotypedb_files "$cur" ;;
	diff | merge) _gotypedb_files "$cur" db ;;
	query)
		case $cur in
		@*) _gotypedb_add "$(_gotypedb_bundled "${words[0]}")" "$cur" ;;
		esac
		;;
	esac
	for i in "${!COMPREPLY[@]}"; do
		COMPREPLY[i]=${COMPREPLY[i]#"$keep"}
	done
	return 0
}

complete -F _gotypedb gotypedb
