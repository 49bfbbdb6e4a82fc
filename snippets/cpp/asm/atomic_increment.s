increment_plain:
	addl	$1, plain_counter(%rip)
	ret
increment_atomic:
	lock addl	$1, atomic_counter(%rip)
	ret
fetch_then_increment:
	movl	$1, %eax
	lock xaddl	%eax, atomic_counter(%rip)
	ret
store_seq_cst:
	xchgl	atomic_counter(%rip), %edi
	ret
store_release:
	movl	%edi, atomic_counter(%rip)
	ret
