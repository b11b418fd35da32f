/**
 * New-business fraud-risk assessments (新业务涉诈风险安全评估, 反电信网络诈骗法 第6条): an institution assesses a new
 * service against a checklist of fraud risk points before launch, a reviewer who did not write it
 * signs it off or returns it, and the register keeps them all.
 */
@NullMarked
package org.fanzha.server.assessments;

import org.jspecify.annotations.NullMarked;
